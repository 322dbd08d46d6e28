"""The one domain exception: errors a student can cause, told in a sentence they understand."""


class LogitLabError(ValueError):
    """A problem with user input (a photo, a data file, typed text) explained in plain words.

    Pages show ``str(err)`` with ``st.error``; CLIs print it. The optional ``key`` and
    ``params`` let the UI translate the message: ``key`` names an entry of the translation
    catalogue (``errors.<key>``) and ``params`` fill its placeholders.
    """

    def __init__(self, message: str, *, key: str | None = None, **params):
        super().__init__(message)
        self.key = key
        self.params = params
