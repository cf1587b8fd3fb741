from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size_query_param = "pageSize"  # query keys are lowerCamelCase (API Design Rules)
    max_page_size = 200
