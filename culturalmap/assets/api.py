"""The read API for assets: GeoJSON, public (generalised locations) or curator (exact)."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from culturalmap.core.exceptions import RecordNotFound
from culturalmap.core.permissions import is_curator

from . import selectors
from .serializers import (
    AssetCollectionSerializer,
    AssetFeatureSerializer,
    AssetListQuerySerializer,
    asset_feature,
    feature_page,
    query_data,
)


class AssetListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="assets_list",
        summary="Cultural assets as a GeoJSON FeatureCollection, one page at a time",
        parameters=[AssetListQuerySerializer],
        responses={200: AssetCollectionSerializer, 400: OpenApiResponse(description="A bad filter, named.")},
    )
    def get(self, request):
        params = AssetListQuerySerializer(data=query_data(request.query_params))
        params.is_valid(raise_exception=True)
        p = params.validated_data
        curator = is_curator(request.user)
        assets = selectors.assets_for_map(
            user=request.user,
            categories=p.get("category") or (),
            province=p.get("province"),
            amphoe=p.get("amphoe"),
            tambon=p.get("tambon"),
            bbox=p.get("bbox"),
        )
        return Response(
            feature_page(
                request,
                assets,
                page=p["page"],
                page_size=p["page_size"],
                feature=lambda a: asset_feature(a, curator=curator),
            )
        )


class AssetDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="asset_retrieve",
        summary="One cultural asset as a GeoJSON Feature",
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH)],
        responses={200: AssetFeatureSerializer, 404: OpenApiResponse(description="No such published asset.")},
    )
    def get(self, request, code: str):
        asset = selectors.asset_by_code(code, request.user)
        if asset is None:
            raise RecordNotFound(f"no asset has the code {code!r}")
        return Response(asset_feature(asset, curator=is_curator(request.user)))
