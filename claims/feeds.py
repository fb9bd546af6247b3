"""Atom feeds of newly verified claims, overall and per benchmark, for feed readers and alerts."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from claims.models import Benchmark, Claim
from claims.selectors.claims import claim_list

FEED_SIZE = 50


class VerifiedClaimsFeed(Feed):
    feed_type = Atom1Feed
    title = "Newly verified benchmark claims"
    subtitle = "Results from paper abstracts that a curator has just verified."

    def link(self):
        return reverse("claim-list") + "?status=verified&ordering=-updated_at"

    def claims(self):
        return claim_list().filter(status=Claim.Status.VERIFIED, curated_at__isnull=False)

    def items(self):
        return self.claims().order_by("-curated_at", "-id")[:FEED_SIZE]

    def item_title(self, claim: Claim) -> str:
        method = f"{claim.method}: " if claim.method else ""
        return f"{method}{claim} — {claim.paper.title}"

    def item_description(self, claim: Claim) -> str:
        return claim.evidence

    def item_link(self, claim: Claim) -> str:
        return reverse("claim-detail", args=[claim.pk])

    def item_pubdate(self, claim: Claim):
        return claim.curated_at

    def item_updateddate(self, claim: Claim):
        return claim.updated_at

    def item_author_name(self, claim: Claim) -> str | None:
        return claim.curated_by.username if claim.curated_by else None


class BenchmarkVerifiedClaimsFeed(VerifiedClaimsFeed):
    def get_object(self, request, slug: str) -> Benchmark:
        return get_object_or_404(Benchmark, slug=slug)

    def title(self, benchmark: Benchmark) -> str:
        return f"Newly verified claims on {benchmark.name}"

    def subtitle(self, benchmark: Benchmark) -> str:
        return f"Results on {benchmark.name} that a curator has just verified."

    def link(self, benchmark: Benchmark) -> str:
        return reverse("benchmark-leaderboard", args=[benchmark.slug]) + "?verified_only=true"

    def items(self, benchmark: Benchmark):
        return self.claims().filter(benchmark=benchmark).order_by("-curated_at", "-id")[:FEED_SIZE]
