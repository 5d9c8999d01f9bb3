from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from culturalmap.core import records

from .models import Concept, ConceptTag


class NarrowerInline(admin.TabularInline):
    model = Concept.broader.through
    fk_name = "to_concept"
    extra = 0
    verbose_name = "narrower concept"
    verbose_name_plural = "narrower concepts"
    autocomplete_fields = ["from_concept"]


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    list_display = ["key", "pref_label_th", "pref_label_en", "broader_keys"]
    search_fields = [
        "key",
        "pref_label_th",
        "pref_label_en",
        "alt_labels_th",
        "alt_labels_en",
        "alt_labels_roman",
    ]
    filter_horizontal = ["broader"]
    inlines = [NarrowerInline]
    fieldsets = [
        (None, {"fields": ["key", "pref_label_th", "pref_label_en", "broader"]}),
        ("Other labels", {"fields": ["alt_labels_th", "alt_labels_en", "alt_labels_roman", "hidden_labels"]}),
        ("Definition", {"fields": ["definition_th", "definition_en"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("broader")

    @admin.display(description="broader")
    def broader_keys(self, concept: Concept) -> str:
        return ", ".join(b.key for b in concept.broader.all())


class ConceptTagForm(forms.ModelForm):
    kind = forms.ChoiceField(choices=())

    class Meta:
        model = ConceptTag
        fields = ["kind", "code", "concept", "excluded"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, f"{k.name_th} ({k.name_en})") for k in records.kinds()]

    def clean(self):
        data = super().clean()
        kind, code = data.get("kind"), data.get("code")
        if kind and code and not records.get(kind).model_class._default_manager.filter(code=code).exists():
            raise ValidationError({"code": f"ไม่มีข้อมูลประเภท {kind} รหัส {code}"})
        return data


@admin.register(ConceptTag)
class ConceptTagAdmin(admin.ModelAdmin):
    form = ConceptTagForm
    list_display = ["kind", "code", "concept", "excluded", "tagged_by", "tagged_at"]
    list_filter = ["kind", "excluded"]
    search_fields = ["code", "concept__key", "concept__pref_label_th", "concept__pref_label_en"]
    autocomplete_fields = ["concept"]

    def save_model(self, request, obj, form, change):
        obj.tagged_by = request.user
        super().save_model(request, obj, form, change)
