from django.urls import path

from . import views

urlpatterns = [
    path("cultural-products/", views.catalogue, name="cultural-products"),
    path("cultural-products/<str:code>/", views.product_page, name="cultural-product"),
    path("cultural-products/<str:code>/photos/<int:photo_id>/", views.product_photo, name="product-photo"),
    path(
        "cultural-products/<str:code>/photos/<int:photo_id>/thumbnail/",
        views.product_photo,
        {"thumbnail": True},
        name="product-photo-thumbnail",
    ),
    path("cultural-enterprises/<str:code>/", views.enterprise_page, name="cultural-enterprise"),
    path("label/<str:label>/", views.label, name="digital-label"),
]
