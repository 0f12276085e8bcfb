"""Public pages. Every view starts from a ``published()`` QuerySet: drafts answer 404."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from .models import Article, Claim, Claimant, Correction


class ClaimListView(ListView):
    template_name = "claims/claim_list.html"
    context_object_name = "claims"
    paginate_by = 20

    def get_queryset(self):
        return Claim.objects.published().with_overview().order_by("-claimed_on", "article", "start")


class ClaimDetailView(DetailView):
    template_name = "claims/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self):
        return (
            Claim.objects.published()
            .with_overview()
            .prefetch_related(
                Prefetch(
                    "current_verdicts__corrections",
                    queryset=Correction.objects.select_related("previous_rating"),
                ),
                "update_notes",
            )
        )


class ArticleDetailView(DetailView):
    template_name = "claims/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["claims"] = Claim.objects.published().with_overview().filter(article=self.object)
        return context


class ClaimantDetailView(DetailView):
    template_name = "claims/claimant_detail.html"
    context_object_name = "claimant"

    def get_queryset(self):
        return Claimant.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["claims"] = Claim.objects.published().with_overview().filter(claimant=self.object)
        return context
