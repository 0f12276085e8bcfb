from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


class PreferredLanguageMiddleware:
    """Speak the user's language on screens that have no language prefix in their URL.

    Public pages carry their language in the URL (French unprefixed, English under /en/), so
    ``LocaleMiddleware`` treats every unprefixed URL as French. Two places have one URL for everyone:

    - the admin (``LANGUAGE_FROM_REQUEST_PATHS``): the language cookie or the browser's
      Accept-Language decides;
    - the API (``API_PATH``): English, unless Accept-Language asks for another language the site
      speaks. Errors, the OpenAPI schema and its enum names are all in that one language; page URLs
      in responses stay canonical (French) whatever it is.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.LANGUAGE_FROM_REQUEST_PATHS)
        self.supported = {code for code, _name in settings.LANGUAGES}

    def api_language(self, request) -> str:
        for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
            base = code.split("-")[0].lower()
            if base in self.supported:
                return base
        return "en"

    def __call__(self, request):
        if request.path_info.startswith(settings.API_PATH):
            language = self.api_language(request)
        elif request.path_info.startswith(self.prefixes):
            language = translation.get_language_from_request(request, check_path=False)
        else:
            return self.get_response(request)
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            return self.get_response(request)
