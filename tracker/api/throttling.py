"""Rate limits that tell the client where it stands: X-RateLimit-* on every answer, Retry-After on 429."""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class RateLimitHeadersMixin:
    """Records the tightest limit a request is under, for RateLimitHeadersMiddleware to show."""

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        if getattr(self, "key", None) is not None and self.rate is not None:
            remaining = max(0, self.num_requests - len(self.history))
            oldest = self.history[-1] if self.history else self.now
            reset = max(1, int(self.duration - (self.now - oldest)))
            target = request._request
            current = getattr(target, "rate_limit", None)
            if current is None or remaining < current[1]:
                target.rate_limit = (self.num_requests, remaining, reset)
        return allowed


class AnonRateLimit(RateLimitHeadersMixin, AnonRateThrottle):
    pass


class UserRateLimit(RateLimitHeadersMixin, UserRateThrottle):
    """Signed-in users only: anonymous requests are under AnonRateLimit, the tighter one, and a second
    window for them would cost two more cache round trips on every request."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


class RateLimitHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        limit = getattr(request, "rate_limit", None)
        if limit is not None:
            (
                response["X-RateLimit-Limit"],
                response["X-RateLimit-Remaining"],
                response["X-RateLimit-Reset"],
            ) = (str(value) for value in limit)
            # The old paperswithcode-client reads X-RateLimit-Retry from any error that has rate-limit
            # headers, and fails on a KeyError without it: seconds until the window frees up, as Reset.
            response["X-RateLimit-Retry"] = str(limit[2])
        return response
