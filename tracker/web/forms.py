from django import forms

from claims.models import Claim
from claims.selectors.queue import QueueFilters
from claims.services.curation import EDITABLE_FIELDS


class QueueFilterForm(forms.Form):
    benchmark = forms.SlugField(required=False)
    metric = forms.SlugField(required=False)
    confidence_below = forms.FloatField(
        required=False,
        min_value=0,
        max_value=1,
        label="Confidence below",
        widget=forms.NumberInput({"step": "0.05"}),
    )
    paper = forms.IntegerField(required=False, min_value=1, label="Paper id")

    def queue_filters(self) -> QueueFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return QueueFilters(
            benchmark=data.get("benchmark") or "",
            metric=data.get("metric") or "",
            confidence_below=data.get("confidence_below"),
            paper=data.get("paper"),
        )


class ClaimEditForm(forms.ModelForm):
    """The fields a curator may correct, shown in place in the queue."""

    class Meta:
        model = Claim
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "curation_note": forms.TextInput(),
            "value": forms.NumberInput({"step": "any"}),
        }
        labels = {"metric_text": "Metric", "benchmark_text": "Benchmark", "curation_note": "Note"}
        help_texts = {"metric_text": "", "benchmark_text": ""}

    def changed_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data}
