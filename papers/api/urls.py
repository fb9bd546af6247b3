from rest_framework.routers import SimpleRouter

from papers.api.views import ImportRunViewSet, PaperViewSet

router = SimpleRouter()
router.register("papers", PaperViewSet, basename="paper")
router.register("imports", ImportRunViewSet, basename="importrun")

urlpatterns = router.urls
