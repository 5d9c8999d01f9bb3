"""Reads on cultural products and enterprises: the public see public records, curators every one."""

from django.db.models import Count, Q, QuerySet

from culturalmap.core.permissions import is_curator
from culturalmap.markets.models import ReportedFigure

from .models import CulturalEnterprise, CulturalProduct
from .records import ENTERPRISE, PRODUCT

# The reports' own figures of products and entrepreneurs (ReportedFigure codes), shown with their dates.
FIGURE_CODES = (
    "cultural-products",
    "university-products-services",
    "creative-products-services",
    "university-entrepreneurs",
    "cultural-entrepreneurs",
    "entrepreneurs-income-rose",
    "rajabhat-festival-districts",
    "culture-connex-showroom",
)


def visible_products(user=None) -> QuerySet[CulturalProduct]:
    products = CulturalProduct.objects.select_related("enterprise", "market", "district", "province")
    return products if is_curator(user) else products.filter(PRODUCT.public_filter())


def visible_enterprises(user=None) -> QuerySet[CulturalEnterprise]:
    enterprises = CulturalEnterprise.objects.select_related("market", "district", "province")
    return enterprises if is_curator(user) else enterprises.filter(ENTERPRISE.public_filter())


def product_by_code(code: str, user=None) -> CulturalProduct | None:
    return visible_products(user).filter(code=code).first()


def enterprise_by_code(code: str, user=None) -> CulturalEnterprise | None:
    return visible_enterprises(user).filter(code=code).first()


def record_by_label(label: str, user=None):
    """The product or enterprise a digital label names (labels are unique across both)."""
    product = visible_products(user).filter(label=label).first()
    return product or visible_enterprises(user).filter(label=label).first()


def catalogue_counts(user=None) -> dict:
    """What the catalogue itself counts, by strand and kind."""
    products = visible_products(user).aggregate(
        civil=Count("id", filter=Q(strand="civil_society")),
        university=Count("id", filter=Q(strand="university")),
        showroom=Count("id", filter=Q(in_showroom=True)),
        services=Count("id", filter=Q(kind="service")),
    )
    enterprises = visible_enterprises(user).aggregate(
        all=Count("id"), university=Count("id", filter=Q(strand="university"))
    )
    return {"products": products, "enterprises": enterprises}


def programme_figures() -> list[ReportedFigure]:
    figures = ReportedFigure.objects.filter(code__in=FIGURE_CODES)
    return sorted(figures, key=lambda f: FIGURE_CODES.index(f.code))


def products_listed(
    *, user=None, category: str = "", strand: str = "", limit: int = 60
) -> QuerySet[CulturalProduct]:
    products = visible_products(user)
    if category:
        products = products.filter(category=category)
    if strand:
        products = products.filter(strand=strand)
    return products.order_by("-in_showroom", "name_th")[:limit]
