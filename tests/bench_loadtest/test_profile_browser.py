"""bench.profile_browser's arithmetic: a DevTools CPU profile summed by kind of work, and the server's part
read off the websocket messages (a Streamlit ForwardMsg encoded as the browser received it)."""

import base64

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.profile_browser import KINDS, breakdown, by_function, kind_of, message_kind, server_ms

PLOTLY_URL = "http://127.0.0.1:8501/static/js/PlotlyChart.D9Z0_fxz.js"
APP_URL = "http://127.0.0.1:8501/static/js/index.DormvYxC.js"
LIVE_PLOTLY_URL = "http://127.0.0.1:8501/component/ui.live_chart.plotly_js/plotly.min.js"  # the live charts' copy


def _node(node_id: int, name: str, url: str = "") -> dict:
    return {"id": node_id, "callFrame": {"functionName": name, "url": url}}


@pytest.mark.parametrize(("name", "url", "kind"), [
    ("(program)", "", "native"), ("(idle)", "", "idle"), ("(garbage collector)", "", "garbage collection"),
    ("readPixels", "", "WebGL"), ("getProgramParameter", "", "WebGL"),
    ("z", PLOTLY_URL, "plotly.js"), ("readPixels", PLOTLY_URL, "plotly.js"),  # a plotly function of that name
    ("xxe", LIVE_PLOTLY_URL, "plotly.js"),
    ("Ul", APP_URL, "Streamlit and React"), ("getBoundingClientRect", "", "DOM"), ("setAttribute", "", "DOM"),
])
def test_each_profile_node_gets_its_kind(name, url, kind):
    assert kind_of({"functionName": name, "url": url}) == kind


def test_breakdown_sums_each_sample_interval_into_its_nodes_kind():
    profile = {"nodes": [_node(1, "Ul", APP_URL), _node(2, "(program)"), _node(3, "readPixels"),
                         _node(4, "z", PLOTLY_URL), _node(5, "(idle)")],
               "samples": [2, 3, 3, 4, 2, 5, 1],
               "timeDeltas": [1000, 2500, 500, 4000, 1500, 250, 750]}  # µs before each sample
    spent = breakdown(profile)
    assert set(spent) == set(KINDS)
    assert spent["native"] == 2.5 and spent["WebGL"] == 3.0 and spent["plotly.js"] == 4.0
    assert spent["idle"] == 0.25 and spent["Streamlit and React"] == 0.75
    assert spent["DOM"] == spent["garbage collection"] == 0.0
    assert sum(spent.values()) == pytest.approx(sum(profile["timeDeltas"]) / 1000)


def test_by_function_sums_self_time_per_function_and_file():
    profile = {"nodes": [_node(1, "Ul", APP_URL), _node(2, "getPointAtLength"), _node(3, "", LIVE_PLOTLY_URL),
                         _node(4, "getPointAtLength")],
               "samples": [2, 4, 1, 3, 2],
               "timeDeltas": [1000, 2000, 500, 250, 4000]}
    assert by_function(profile) == {"getPointAtLength": 7.0, "Ul (index.DormvYxC.js)": 0.5,
                                    "(anonymous) (plotly.min.js)": 0.25}


def _encoded(**fields) -> str:
    message = ForwardMsg(**fields)
    return base64.b64encode(message.SerializeToString()).decode()


def test_message_kind_reads_a_forward_msg_as_the_browser_received_it():
    finished = ForwardMsg()
    finished.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    assert message_kind(base64.b64encode(finished.SerializeToString()).decode()) == "script_finished"
    assert message_kind(_encoded(ref_hash="abc")) == "ref_hash"


def test_server_part_runs_from_the_first_message_sent_to_the_last_script_finished():
    frames = [(10.000, "sent", ""), (10.020, "received", "new_session"), (10.100, "sent", ""),
              (10.150, "received", "script_finished"), (10.400, "received", "delta"),
              (10.450, "received", "script_finished")]
    assert server_ms(frames) == pytest.approx(450.0)
    assert server_ms(frames[:2]) is None  # the script never finished
