"""The app's caches (msw_app.compute): presets shared across sessions cannot be changed by one
session; page results come from compute's caches keyed by JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import planner
from msw_app import frozen

ROOT = Path(__file__).resolve().parent.parent


def _mutating_session() -> None:
    import streamlit as st

    from msw_app import compute

    preset = compute.presets()["bau"]
    try:
        preset.resolved_baseline().parameters.capture["paper"] = 0.99
    except TypeError as refused:
        st.write(str(refused))
    st.write(repr(compute.presets()["bau"].resolved_baseline().parameters.capture["paper"]))


def _reading_session() -> None:
    import streamlit as st

    from msw_app import compute

    st.write(repr(compute.presets()["bau"].resolved_baseline().parameters.capture["paper"]))


def test_a_sessions_preset_change_cannot_reach_another_session():
    original = planner.load_presets()["bau"].resolved_baseline().parameters.capture["paper"]
    assert original != 0.99
    first = AppTest.from_function(_mutating_session, default_timeout=60).run()
    assert not first.exception
    # The sessions share one deep-frozen preset (msw_app.frozen): the change is refused.
    assert first.markdown[0].value == frozen.REFUSAL
    assert first.markdown[1].value == repr(original)
    second = AppTest.from_function(_reading_session, default_timeout=60).run()
    assert not second.exception
    assert second.markdown[0].value == repr(original)


def test_shared_preset_json_is_immutable_and_parses_to_the_presets():
    from msw_app import compute

    texts = compute.preset_json()
    with pytest.raises(TypeError):
        texts["bau"] = "{}"  # type: ignore[index]
    parsed = compute.parse_presets(texts)
    assert parsed == planner.load_presets()
    assert parsed["bau"] is not compute.parse_presets(texts)["bau"]  # new objects per parse


def test_pages_keep_no_caches():
    for path in [ROOT / "app.py", *sorted((ROOT / "msw_app").rglob("*.py"))]:
        if path.name == "compute.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "st.cache_data" not in text and "st.cache_resource" not in text, path
        assert "lru_cache" not in text and "functools.cache" not in text, path


def _kept_figure_session() -> None:
    import pandas as pd
    import plotly.graph_objects as go
    import streamlit as st

    from msw_app import compute, state
    from msw_app.charts import SOURCE_SPAN

    state.init()
    calls = st.session_state.setdefault("calls", [])

    @compute.kept_figure
    def bars(frame: pd.DataFrame, lang: str) -> go.Figure:
        calls.append(lang)
        return go.Figure(go.Bar(x=frame["x"], y=frame["y"]))

    frame = pd.DataFrame({"x": [1, 2], "y": [3.0, 4.0]})
    first = bars(frame, "ru")
    again = bars(frame.copy(), "ru")  # equal content, another object: the same figure
    other_lang = bars(frame, "en")
    other_data = bars(frame.assign(y=[3.0, 5.0]), "ru")
    st.write(
        f"{len(calls)} {first is again} {first is other_lang} {first is other_data}"
        f" {first is bars(frame, 'ru')}"
    )
    st.write(f"{id(first)} {SOURCE_SPAN in first.layout.title.text}")


def test_a_kept_figure_is_built_once_per_content_and_language_for_all_sessions():
    at = AppTest.from_function(_kept_figure_session, default_timeout=60).run()
    assert not at.exception
    # Built for (ru, data), (en, data), (ru, other data): 3 builds; equal data gives the kept one.
    assert at.markdown[0].value == "3 True False False True"
    at.run()  # a rerun of the same session builds nothing new
    assert at.markdown[0].value == "3 True False False True"
    figure_id, has_source = at.markdown[1].value.split()
    assert has_source == "True"  # the source line is in the figure before it is shared
    other = AppTest.from_function(_kept_figure_session, default_timeout=60).run()
    # Another session is handed the same figure objects: it builds none.
    assert other.markdown[0].value == "0 True False False True"
    assert other.markdown[1].value.split()[0] == figure_id


def test_fingerprint_tells_frames_apart_by_values_columns_and_types():
    import pandas as pd

    from msw_app.compute import NoFingerprint, fingerprint

    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    assert fingerprint(frame) == fingerprint(frame.copy())
    assert fingerprint(frame) != fingerprint(frame.assign(a=[1, 3]))
    assert fingerprint(frame) != fingerprint(frame.rename(columns={"a": "c"}))
    assert fingerprint(frame) != fingerprint(frame.astype({"a": float}))
    assert fingerprint(frame) != fingerprint(frame.set_axis([5, 6]))
    assert fingerprint({"k": (1, None)}) == (("k", (1, None)),)
    with pytest.raises(NoFingerprint):
        fingerprint(object())
    with pytest.raises(NoFingerprint):
        fingerprint(pd.DataFrame({"a": [[1], [2]]}))


def test_source_line_is_replaced_not_added_when_a_kept_figure_changes_scenario():
    import plotly.graph_objects as go

    from msw_app.charts import SOURCE_SPAN, with_source_line

    fig = go.Figure(layout={"title": {"text": "Fates"}, "height": 400, "margin": {"t": 50}})
    with_source_line(fig, "Variant 1", "en")
    height, top = fig.layout.height, fig.layout.margin.t
    with_source_line(fig, "Variant 1", "en")  # the same line: nothing changes
    with_source_line(fig, "Renamed", "en")
    title = fig.layout.title.text
    assert title.startswith("Fates<br>") and title.count(SOURCE_SPAN) == 1
    assert "Renamed" in title and "Variant 1" not in title
    assert (fig.layout.height, fig.layout.margin.t) == (height, top)


CHART_PAGES = (
    "page_overview.py",
    "page_compare.py",
    "page_economics.py",
    "page_climate.py",
    "page_sensitivity.py",
)


def test_no_page_changes_a_figure_that_all_sessions_share(monkeypatch):
    import plotly.graph_objects as go
    import plotly.io as pio

    from msw_app.compute import FigureStore
    from tests.app_session import open_app

    built: list[tuple[object, str]] = []  # each shared figure and its JSON when it was built
    get_or_build = FigureStore.get_or_build

    def recording(self, key, build):
        def build_and_record():
            figure = build()
            built.append((figure, figure.to_json()))
            return figure

        return get_or_build(self, (*key, "test"), build_and_record)  # fresh keys: built here

    monkeypatch.setattr(FigureStore, "get_or_build", recording)
    for _session in range(2):  # the second session draws the figures the first one built
        at = open_app("ru", timeout=180)
        for page in CHART_PAGES:
            at.switch_page(f"msw_app/{page}").run()
            at.slider(key="w_year").set_value(2031).run()
            assert not at.exception, page
    assert len(built) >= 8
    assert all(isinstance(fig, go.Figure) and type(fig) is not go.Figure for fig, _ in built)

    def live(fig) -> str:  # the figure's own properties, not the dict made once
        return pio.to_json(go.Figure.to_dict(fig), validate=False)

    def sent(fig) -> str:  # what st.plotly_chart sends (SharedFigure's kept dict)
        return pio.to_json(fig.to_dict(), validate=False)

    changed = [
        fig.layout.title.text for fig, text in built if live(fig) != text or sent(fig) != text
    ]
    assert changed == []


def test_session_presets_parse_each_preset_when_first_read():
    from msw_app import compute

    texts = compute.preset_json()
    own = compute.SessionPresets(texts)
    assert list(own) == list(texts) and len(own) == len(texts) and "bau" in own
    assert own.parsed() == []  # listing ids and names parses nothing
    first = own["announced"]
    assert own["announced"] is first  # parsed once, then kept
    assert own.parsed() == ["announced"]
    assert first == planner.load_presets()["announced"]
    assert compute.SessionPresets(texts)["announced"] is not first  # no object shared


def test_a_first_visit_parses_only_the_preset_in_focus():
    # Thirty participants opening the link at once used to parse all five presets each
    # (~20 ms of CPU and ~8,000 objects a session); the picker reads the shared names.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.session_state["msw_presets"].parsed() == ["announced"]
    picker = at.sidebar.selectbox[1]  # after the language
    assert picker.options == [s.name.en for s in planner.load_presets().values()]


def _memo_session() -> None:
    import streamlit as st

    from msw_app import compute

    calls = st.session_state.setdefault("calls", [])

    def make(n: int):
        calls.append(n)
        return {"n": n}

    first = compute.session_memo(("t", 1), lambda: make(1))
    assert compute.session_memo(("t", 1), lambda: make(1)) is first  # kept: no second call
    for n in range(2, compute.MAX_PAGE_MEMO + 2):  # MAX_PAGE_MEMO newer keys push 1 out
        compute.session_memo(("t", n), lambda n=n: make(n))
    compute.session_memo(("t", 1), lambda: make(1))
    st.write(repr(calls))


def test_a_session_keeps_its_newest_page_models_and_makes_each_once():
    from msw_app import compute

    at = AppTest.from_function(_memo_session, default_timeout=60).run()
    assert not at.exception
    expected = [1, *range(2, compute.MAX_PAGE_MEMO + 2), 1]  # 1 again only once pushed out
    assert at.markdown[0].value == repr(expected)


def test_the_overview_draws_a_year_seen_before_from_the_sessions_own_model():
    from msw_app.compute import KEY_PAGE_MEMO

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.slider(key="w_year").set_value(2031).run()
    memo = at.session_state[KEY_PAGE_MEMO]
    kept = {k: v for k, v in memo.items() if k[0] == "overview"}
    at.slider(key="w_year").set_value(2030).run()
    at.slider(key="w_year").set_value(2031).run()
    assert not at.exception
    again = {k: v for k, v in at.session_state[KEY_PAGE_MEMO].items() if k[0] == "overview"}
    assert {k[2] for k in again} == {2030, 2031}
    assert all(again[k] is kept[k] for k in kept)  # the same objects, not fresh copies


def test_sessions_share_each_preset_deep_frozen():
    # Session 7: presets are shared, not copied per session (thirty copies kept ~100,000
    # container objects alive for the garbage collector to walk); nothing in one can change.
    from msw_app import compute

    own = compute.SessionPresets(compute.preset_json(), compute.shared_preset)
    other = compute.SessionPresets(compute.preset_json(), compute.shared_preset)
    for sid, preset in planner.load_presets().items():
        assert own[sid] == preset
        assert own[sid].model_dump_json() == compute.preset_json()[sid]
        assert own[sid] is other[sid]
        assert frozen.mutable_containers(own[sid]) == []
        assert frozen.mutable_containers(preset) != []  # a plain validated scenario is not
