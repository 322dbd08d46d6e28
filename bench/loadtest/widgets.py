"""Turn a widget element into the WidgetState a browser would send after a user changed it.

``changed_state(element, variant)`` picks a value different from the widget's current one;
different ``variant`` numbers pick different values, so each simulated student moves the
control somewhere of their own. The wire types match streamlit/elements/widgets/*.py.
"""

from streamlit.proto.Slider_pb2 import Slider
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.loadtest.client import Element

SLIDER_FRACTIONS = (0.25, 0.75, 0.5, 0.1, 0.9, 0.4, 0.6)  # where along a numeric slider a student drags to
DIGITS = 10  # decimals kept when snapping a value to the slider's step (no 0.30000000000000004)


def _snap(proto, fraction: float) -> float:
    """The slider value ``fraction`` of the way from min to max, on the step grid."""
    steps = round((proto.max - proto.min) / proto.step) if proto.step > 0 else 0
    value = proto.min + round(fraction * steps) * proto.step
    return round(value, DIGITS) if proto.data_type == Slider.FLOAT else float(int(value))


def _slider(el: Element, state: WidgetState, variant: int) -> None:
    proto = el.proto
    current = list(proto.value if proto.set_value else proto.default)
    if proto.type == Slider.SELECT_SLIDER:  # a value set by the server comes as the formatted label
        options = list(proto.options)
        index = options.index(proto.raw_value[0]) if proto.raw_value and proto.raw_value[0] in options \
            else int(proto.default[0]) if proto.default else 0
        pick = (index + 1 + variant) % len(proto.options)
        pick = pick if pick != index else (index + 1) % len(proto.options)
        state.string_array_value.data.append(proto.options[pick])
        return
    for offset in range(len(SLIDER_FRACTIONS)):
        value = _snap(proto, SLIDER_FRACTIONS[(variant + offset) % len(SLIDER_FRACTIONS)])
        if not current or value != current[0]:
            break
    state.double_array_value.data.append(value)


def _number(el: Element, state: WidgetState, variant: int) -> None:
    proto = el.proto
    current = proto.value if proto.set_value else proto.default
    step = proto.step or 1.0
    value = current + step * (1 + variant % len(SLIDER_FRACTIONS))
    if proto.has_max and value > proto.max:
        value = max(proto.min if proto.has_min else current - step, current - step)
    state.double_value = round(value, DIGITS)


def _choice(el: Element, state: WidgetState, variant: int) -> None:
    options = list(el.proto.options)
    index = el.proto.default
    if el.proto.raw_value in options:
        index = options.index(el.proto.raw_value)
    pick = (index + 1 + variant) % len(options)
    state.string_value = options[pick if pick != index else (index + 1) % len(options)]


def _button_group(el: Element, state: WidgetState, variant: int) -> None:
    options = [option.content for option in el.proto.options]
    current = set(el.proto.raw_values)
    candidates = [o for o in options if o not in current] or options
    state.string_array_value.data.append(candidates[variant % len(candidates)])


def _checkbox(el: Element, state: WidgetState, variant: int) -> None:
    state.bool_value = not (el.proto.value if el.proto.set_value else el.proto.default)


def _button(el: Element, state: WidgetState, variant: int) -> None:
    state.trigger_value = True


CHANGERS = {"slider": _slider, "number_input": _number, "radio": _choice, "selectbox": _choice,
            "button_group": _button_group, "checkbox": _checkbox, "button": _button}


def changed_state(el: Element, variant: int = 0) -> WidgetState | None:
    """The state after a user changed ``el`` (None for a widget type this client cannot drive)."""
    changer = CHANGERS.get(el.kind)
    if changer is None:
        return None
    state = WidgetState(id=el.widget_id)
    changer(el, state, variant)
    return state


def url_values(state: WidgetState) -> list[str]:
    """What the frontend writes into the URL for a widget bound to the query string (empty: nothing)."""
    kind = state.WhichOneof("value")
    if kind in ("string_array_value", "double_array_value", "int_array_value"):
        return [f"{v:g}" if isinstance(v, float) else str(v) for v in getattr(state, kind).data]
    if kind in ("string_value", "double_value", "int_value"):
        value = getattr(state, kind)
        return [f"{value:g}" if isinstance(value, float) else str(value)]
    return []


def shown_values(el: Element) -> list[str] | None:
    """A slider's shown value(s) as URL text, or None for a widget this client cannot read back."""
    if el.kind != "slider":
        return None
    proto = el.proto
    if proto.type == Slider.SELECT_SLIDER:  # a value from the URL or the server comes as its label
        return list(proto.raw_value) if proto.set_value and proto.raw_value \
            else [proto.options[int(i)] for i in proto.default]
    return [f"{v:g}" for v in (proto.value if proto.set_value else proto.default)]
