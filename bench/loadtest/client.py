"""A light Streamlit client that speaks the browser's own protocol: protobuf over one websocket.

It does what the frontend does, and nothing more:
- ``GET /_stcore/health`` for the XSRF cookie (uploads need it), as the frontend does before connecting;
  like a browser it keeps every cookie it is given (behind HAProxy: the replica cookie that makes
  the websocket and the uploads reach the same process) and sends them back on every request,
- open ``ws://HOST:PORT/_stcore/stream`` (subprotocol "streamlit"),
- send ``BackMsg.rerun_script`` (query string, page, widget states) and read ``ForwardMsg``s
  until ``script_finished``: the deltas build the page's element tree,
- upload a file: ``BackMsg.file_urls_request`` -> ``ForwardMsg.file_urls_response`` ->
  HTTP PUT (multipart) to ``/_stcore/upload_file/<session_id>/<file_id>`` -> a rerun whose
  widget state points at the uploaded file.

Behind deploy/haproxy.cfg each response names the replica that answered (X-Logitlab-Replica):
``replica`` is the one holding this session, and an upload answered by another one is an error.
After a lost connection, ``reconnect()`` and ``restore()`` do what the frontend does: a new
websocket (a new session, wherever HAProxy sends it) and a rerun of the same page with the
same URL query string.
"""

import asyncio
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import FileURLs, UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from ui.i18n import LANGUAGES, catalogue

UNEXPECTED = frozenset(catalogue(lang)["bounds.unexpected"] for lang in LANGUAGES)  # app.py's one sentence
RUN_TIMEOUT_S = 120.0  # one script run may take this long before the client gives up
HTTP_TIMEOUT_S = 30.0  # host-config and upload requests
XSRF_COOKIE = "_streamlit_xsrf"  # the cookie the server sets and checks against X-Xsrftoken
REPLICA_HEADER = "X-Logitlab-Replica"  # deploy/haproxy.cfg: which replica answered
# Element types whose strings a reader sees as text (charts and widgets are handled apart).
TEXT_FIELDS = {
    "heading": ("body",), "markdown": ("body",), "alert": ("body",), "text": ("body",),
    "metric": ("label", "body", "delta"), "code": ("code_text",), "progress": ("text",),
    "exception": ("type", "message"), "page_link": ("label",),
}


class ConnectionLost(Exception):
    """The session's websocket closed (its server went away) while the student was reading."""


# What a server that went away looks like from the client: a closed websocket, a refused or
# reset connection, a failed handshake (e.g. 503 while no replica is up), a closed idle socket.
LOST_CONNECTION = (ConnectionClosed, InvalidHandshake, OSError, EOFError, ConnectionLost)


@dataclass
class Element:
    """One element of the rendered page: its delta path, type and protobuf."""

    path: tuple
    kind: str  # the Element oneof name: "slider", "markdown", "plotly_chart", …
    proto: object  # the element's own message (e.g. a Slider)

    @property
    def widget_id(self) -> str:
        return getattr(self.proto, "id", "")

    def texts(self) -> list[str]:
        """The human-readable strings of this element (empty for charts and most widgets)."""
        return [getattr(self.proto, name) for name in TEXT_FIELDS.get(self.kind, ())
                if getattr(self.proto, name, "")]


@dataclass
class RunResult:
    """What one script run sent back."""

    elements: list[Element]
    latency_ms: float  # rerun sent -> script_finished received
    page_script_hash: str = ""
    exceptions: list[str] = field(default_factory=list)  # "Type: message" of each Exception delta

    def texts(self, main_only: bool = True) -> list[str]:
        """All readable strings in page order (main area only unless told)."""
        return [text for el in self.elements if not main_only or el.path[:1] == (0,) for text in el.texts()]

    def find_widget(self, key: str, kind: str | None = None) -> Element | None:
        """The widget whose user key is ``key`` (its id ends with "-<key>"), or None."""
        for el in self.elements:
            if el.widget_id.endswith(f"-{key}") and (kind is None or el.kind == kind):
                return el
        return None

    def widgets_with_prefix(self, prefix: str, kind: str | None = None) -> list[Element]:
        """Widgets whose user key starts with ``prefix`` (e.g. "cg_"), in page order."""
        return [el for el in self.elements if el.widget_id.startswith("$$ID-")
                and el.widget_id.split("-", 2)[-1].startswith(prefix) and (kind is None or el.kind == kind)]


class StreamlitClient:
    """One browser tab's worth of protocol: a session on a running Streamlit server."""

    def __init__(self, base_url: str, cookies: dict[str, str] | None = None):
        self.base_url = base_url.rstrip("/")
        self.session_id = ""
        self.pages: dict[str, str] = {}  # url path ("" for the default page) -> page_script_hash
        self.query_string = ""
        self.path = ""  # the url path of the page this session is on
        self.replica = ""  # the replica holding this session (empty when not behind HAProxy)
        self.upload_replicas: list[str] = []  # the replica that answered each upload PUT
        self.cookies: dict[str, str] = dict(cookies or {})  # name -> value, as a browser keeps them
        self._ws = None
        self._page_hash = ""
        self._widgets: dict[str, WidgetState] = {}  # widget id -> last state this client set

    async def connect(self) -> None:
        """Fetch the cookies like the frontend does, then open the websocket with them."""
        await asyncio.to_thread(self._fetch_cookies)
        ws_url = self.base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self._ws = await connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                 additional_headers={"Cookie": self._cookie_header()})
        self.replica = self._ws.response.headers.get(REPLICA_HEADER, self.replica)

    def _fetch_cookies(self) -> None:
        with urllib.request.urlopen(self._request(f"{self.base_url}/_stcore/health"), timeout=HTTP_TIMEOUT_S) as resp:
            self._keep_cookies(resp.headers)

    def _keep_cookies(self, headers) -> None:
        cookie = SimpleCookie()
        for header in headers.get_all("Set-Cookie") or []:
            cookie.load(header)
        self.cookies.update({name: morsel.value for name, morsel in cookie.items()})

    def _cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def _request(self, url: str, **kwargs) -> urllib.request.Request:
        request = urllib.request.Request(url, **kwargs)
        if self.cookies:
            request.add_header("Cookie", self._cookie_header())
        return request

    @property
    def _xsrf(self) -> str:
        return self.cookies.get(XSRF_COOKIE, "")

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def wait_idle(self, seconds: float) -> None:
        """Stay idle for ``seconds``; raise ConnectionLost at once if the server closes the websocket."""
        try:
            await asyncio.wait_for(self._ws.wait_closed(), seconds)
        except TimeoutError:
            return
        raise ConnectionLost("the websocket closed while the student was reading")

    async def reconnect(self) -> None:
        """Drop the broken websocket and open a new one (a new session), as the frontend does."""
        try:
            await self.close()
        except LOST_CONNECTION:
            self._ws = None
        await self.connect()

    async def restore(self) -> RunResult:
        """Rerun the page this student was on with its URL query string (the settings), and nothing else."""
        self._widgets.clear()
        return await self.rerun(page_name=self.path)  # by URL path, as a page load does

    async def open_page(self, url_path: str) -> RunResult:
        """Navigate to a page by its URL path ("" = default page), as a click in the sidebar would."""
        self._widgets.clear()
        self.query_string = ""
        self.path = url_path
        page_hash = self.pages.get(url_path, "")
        return await self.rerun(page_name="" if page_hash else url_path, page_script_hash=page_hash)

    async def set_widget(self, state: WidgetState) -> RunResult:
        """Send one widget's new value (keeping the others this client set) and rerun."""
        self._widgets[state.id] = state
        result = await self.rerun(page_script_hash=self._page_hash)
        if state.HasField("trigger_value"):  # triggers fire once, like a real click
            self._widgets.pop(state.id, None)
        return result

    def set_query(self, key: str, values: list[str]) -> None:
        """Write ``key`` into the URL query string, as the frontend does for a widget bound to the URL."""
        pairs = [(k, v) for k, v in parse_qsl(self.query_string, keep_blank_values=True) if k != key]
        self.query_string = urlencode(pairs + [(key, v) for v in values])

    async def rerun(self, *, page_name: str = "", page_script_hash: str = "") -> RunResult:
        """Send rerun_script and collect the run until script_finished."""
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query_string
        rerun.page_name = page_name
        rerun.page_script_hash = page_script_hash
        rerun.widget_states.widgets.extend(self._widgets.values())
        start = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        return await asyncio.wait_for(self._collect(start), RUN_TIMEOUT_S)

    async def _collect(self, start: float) -> RunResult:
        tree: dict[tuple, Element] = {}
        exceptions = []
        while True:
            fwd = self._parse(await self._ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "script_finished" and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR and not exceptions:
                    exceptions.append("compile error")
                elements = [tree[path] for path in sorted(tree)]
                return RunResult(elements, (time.perf_counter() - start) * 1000.0, self._page_hash, exceptions)
            if kind == "new_session":
                self.session_id = fwd.new_session.initialize.session_id
                tree.clear()
            elif kind == "navigation":
                self._page_hash = fwd.navigation.page_script_hash
                self.pages = {page.url_pathname: page.page_script_hash for page in fwd.navigation.app_pages}
            elif kind == "page_info_changed":
                self.query_string = fwd.page_info_changed.query_string
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                el_kind = element.WhichOneof("type")
                path = tuple(fwd.metadata.delta_path)
                tree[path] = Element(path, el_kind, getattr(element, el_kind))
                if el_kind == "exception":
                    exceptions.append(f"{element.exception.type}: {element.exception.message}")
                elif el_kind == "alert" and element.alert.body in UNEXPECTED:  # app.py caught a page's error
                    exceptions.append(f"unexpected error (details in the server log): {element.alert.body}")

    @staticmethod
    def _parse(data: bytes) -> ForwardMsg:
        fwd = ForwardMsg()
        fwd.ParseFromString(data)
        return fwd

    async def upload(self, widget_id: str, name: str, data: bytes, mime: str) -> RunResult:
        """Upload one file to the file_uploader ``widget_id`` and rerun with it, like the frontend."""
        request_id = uuid.uuid4().hex
        msg = BackMsg()
        msg.file_urls_request.request_id = request_id
        msg.file_urls_request.file_names.append(name)
        msg.file_urls_request.session_id = self.session_id
        await self._ws.send(msg.SerializeToString())
        urls = await asyncio.wait_for(self._file_urls(request_id), RUN_TIMEOUT_S)
        await asyncio.to_thread(self._put, urls.upload_url, name, data, mime)
        info = UploadedFileInfo(name=name, size=len(data), file_id=urls.file_id,
                                file_urls=FileURLs(file_id=urls.file_id, upload_url=urls.upload_url,
                                                   delete_url=urls.delete_url))
        state = WidgetState(id=widget_id)
        state.file_uploader_state_value.uploaded_file_info.append(info)
        return await self.set_widget(state)

    async def _file_urls(self, request_id: str) -> FileURLs:
        while True:
            fwd = self._parse(await self._ws.recv())
            if fwd.WhichOneof("type") == "file_urls_response" and fwd.file_urls_response.response_id == request_id:
                if fwd.file_urls_response.error_msg:
                    raise RuntimeError(f"file URL request refused: {fwd.file_urls_response.error_msg}")
                return fwd.file_urls_response.file_urls[0]

    def _put(self, upload_url: str, name: str, data: bytes, mime: str) -> None:
        boundary = uuid.uuid4().hex
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                f"Content-Type: {mime}\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        url = upload_url if upload_url.startswith("http") else self.base_url + upload_url
        req = self._request(url, data=body, method="PUT", headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "X-Xsrftoken": self._xsrf})
        with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT_S) as resp:
            resp.read()
            self.upload_replicas.append(resp.headers.get(REPLICA_HEADER, ""))
