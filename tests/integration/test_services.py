import pytest
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.integration


@pytest.mark.django_db
def test_the_suite_runs_on_postgresql(postgres):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_the_cache_is_redis_when_redis_url_is_set(settings, redis_cache):
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    cache.set("integration-probe", 41)
    assert cache.incr("integration-probe") == 42
