from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    """Speak the user's language on screens that have no language prefix in their URL.

    Public pages carry their language in the URL (French unprefixed, English under /en/), so
    ``LocaleMiddleware`` treats every unprefixed URL as French. The admin has
    one URL for everyone: there the language cookie or the browser's Accept-Language decides.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.LANGUAGE_FROM_REQUEST_PATHS)

    def __call__(self, request):
        if request.path_info.startswith(self.prefixes):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
