"""Who may write: curators verify, reject and correct claims; staff merge benchmarks and metrics."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

CURATORS_GROUP = "curators"


def user_is_staff(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_staff or user.is_superuser))


def user_is_curator(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    return user_is_staff(user) or user.groups.filter(name=CURATORS_GROUP).exists()


class IsCurator(BasePermission):
    message = f"Only members of the '{CURATORS_GROUP}' group or staff may curate claims."

    def has_permission(self, request, view) -> bool:
        return user_is_curator(request.user)


class IsCuratorOrReadOnly(IsCurator):
    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)


class IsStaff(BasePermission):
    message = "Only staff may do this."

    def has_permission(self, request, view) -> bool:
        return user_is_staff(request.user)
