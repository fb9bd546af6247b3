"""Admin forms: alias rows keyed like the vocabulary, and the target choice of a merge."""

from django import forms
from django.forms.models import BaseInlineFormSet

from claims.extraction.vocabulary import name_key
from claims.models import BenchmarkAlias, MetricAlias, TaskAlias


class AliasForm(forms.ModelForm):
    """An alias row whose lookup key is computed from its name, never typed by hand.

    The key is not a form field, so ModelForm's unique check skips it; the form checks it here
    to show a message on the name instead of failing with an IntegrityError on save.
    """

    owner_field: str = ""

    class Meta:
        fields = ["name"]

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("name") or "").strip()
        if not name:
            return cleaned
        key = name_key(name)
        if not key:
            self.add_error("name", "An alias needs at least one letter or digit.")
            return cleaned
        clash = self._meta.model.objects.filter(key=key).exclude(pk=self.instance.pk)
        clash = clash.select_related(self.owner_field).first()
        if clash is not None:
            owner = getattr(clash, self.owner_field)
            self.add_error("name", f"“{clash.name}” already names {owner} with the same key.")
            return cleaned
        cleaned["name"] = name
        self.instance.key = key
        return cleaned


class AliasFormSet(BaseInlineFormSet):
    """Refuses two rows of one submission that fold to the same key."""

    def clean(self):
        super().clean()
        seen: dict[str, str] = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            name = form.cleaned_data.get("name")
            if not name:
                continue
            key = name_key(name)
            if key in seen:
                form.add_error("name", f"“{name}” and “{seen[key]}” are the same alias.")
            else:
                seen[key] = name


class BenchmarkAliasForm(AliasForm):
    owner_field = "benchmark"

    class Meta(AliasForm.Meta):
        model = BenchmarkAlias


class MetricAliasForm(AliasForm):
    owner_field = "metric"

    class Meta(AliasForm.Meta):
        model = MetricAlias


class TaskAliasForm(AliasForm):
    owner_field = "task"

    class Meta(AliasForm.Meta):
        model = TaskAlias


class MergeTargetForm(forms.Form):
    """The row the selected duplicates are folded into, chosen among them."""

    target = forms.ModelChoiceField(queryset=None, empty_label=None, label="Merge into")

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = queryset
        self.fields["target"].label_from_instance = self._label

    @staticmethod
    def _label(obj) -> str:
        count = getattr(obj, "claim_count", None)
        return str(obj) if count is None else f"{obj} ({count} claim{'' if count == 1 else 's'})"
