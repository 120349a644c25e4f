//! Every colour and the one style sheet of the browser's pages, in one
//! place: when the shared palette (`report::palette`, colour-blind safe)
//! lands, switching is an edit of the constants below.
//!
//! Contrast on white (WCAG 2.1): text at least 4.5:1 (ink 17.4:1, muted
//! 8.9:1, link 7.8:1, error 7.8:1, done 6.6:1); lines and swatches at
//! least 3:1 (the series, Okabe-Ito, in an order that keeps the first five
//! above 3:1; a legend in text always names them).

/// Body text.
pub const INK: &str = "#1a1a1a";
/// Behind everything.
pub const PAPER: &str = "#ffffff";
/// Panels and table stripes (ink on it: 15.9:1).
pub const PANEL: &str = "#f3f5f8";
/// Secondary text.
pub const MUTED: &str = "#4a4a4a";
/// Links, buttons (white on it: 7.8:1) and the focus ring.
pub const LINK: &str = "#0b5394";
/// A refusal the reader can act on.
pub const ERROR: &str = "#a4141b";
/// Something done: a plan handed in.
pub const DONE: &str = "#1e6b34";
/// The focus ring (3:1 and more against white and the link colour's fill).
pub const FOCUS: &str = "#b35900";
/// Borders of panels, tables and fields' frames (decoration only).
pub const BORDER: &str = "#c8ccd2";
/// The empty part of a bar, and light rules.
pub const TRACK: &str = "#dde1e6";
/// A chart's grid lines.
pub const GRID: &str = "#e6e8ec";
/// The built-in strategies' lines beside the player's (4.5:1).
pub const GHOST: &str = "#767676";
/// Lines, bars and brands in order: Okabe-Ito blue, vermillion, bluish
/// green, reddish purple, black, orange.
pub const SERIES: [&str; 6] = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#000000", "#e69f00"];

/// The colour of the `index`-th line, bar or brand.
pub fn series(index: usize) -> &'static str {
    SERIES[index % SERIES.len()]
}

/// The style sheet, served at `/style.css`.
pub fn css() -> String {
    format!(
        r#":root {{ --ink: {INK}; --paper: {PAPER}; --panel: {PANEL}; --muted: {MUTED}; --link: {LINK};
  --error: {ERROR}; --done: {DONE}; --focus: {FOCUS}; }}
* {{ box-sizing: border-box; }}
html {{ font-size: 100%; }}
body {{ margin: 0; color: var(--ink); background: var(--paper); font: 1.0625rem/1.5 system-ui, -apple-system,
  "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }}
a {{ color: var(--link); }}
header.top {{ background: var(--panel); border-bottom: 1px solid {BORDER}; }}
header.top .inner, main {{ max-width: 76rem; margin: 0 auto; padding: 0.75rem 1rem; }}
header.top .inner {{ display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; justify-content: space-between; }}
header.top .brand {{ font-weight: 700; font-size: 1.15rem; color: var(--ink); text-decoration: none; }}
header.top form {{ display: inline; }}
.skip {{ position: absolute; left: -999px; }}
.skip:focus {{ left: 1rem; top: 0.5rem; background: var(--paper); padding: 0.5rem; z-index: 2; }}
h1 {{ font-size: 1.6rem; margin: 0.5rem 0 0.75rem; }}
h2 {{ font-size: 1.25rem; margin: 1.25rem 0 0.5rem; }}
h3 {{ font-size: 1.05rem; margin: 1rem 0 0.4rem; }}
p, li {{ max-width: 70ch; }}
.muted {{ color: var(--muted); }}
.grid {{ display: grid; gap: 1rem 2rem; grid-template-columns: 1fr; }}
@media (min-width: 56rem) {{ .grid.two {{ grid-template-columns: 1fr 1fr; }} .grid.plan {{ grid-template-columns: 3fr 2fr; }} }}
.card {{ background: var(--panel); border: 1px solid {BORDER}; border-radius: 6px; padding: 0.75rem 1rem; }}
label {{ display: block; font-weight: 600; margin: 0.6rem 0 0.2rem; }}
input[type=text], input[type=password], select {{ font: inherit; color: var(--ink); background: var(--paper);
  border: 2px solid {MUTED}; border-radius: 4px; padding: 0.45rem 0.55rem; min-height: 2.75rem; width: 100%; max-width: 26rem; }}
button, .button {{ font: inherit; font-weight: 600; color: {PAPER}; background: var(--link); border: 2px solid var(--link);
  border-radius: 4px; padding: 0.5rem 1rem; min-height: 2.75rem; cursor: pointer; text-decoration: none; display: inline-block; }}
button.plain {{ color: var(--link); background: var(--paper); }}
button.small {{ min-height: 2.2rem; padding: 0.2rem 0.6rem; font-size: 0.95rem; }}
button:disabled {{ color: var(--muted); background: var(--panel); border-color: var(--muted); cursor: not-allowed; }}
:focus-visible {{ outline: 3px solid var(--focus); outline-offset: 2px; }}
.error {{ color: var(--error); font-weight: 600; }}
.error-box {{ border: 2px solid var(--error); border-radius: 6px; padding: 0.5rem 0.75rem; margin: 0.5rem 0; }}
.done {{ color: var(--done); font-weight: 600; }}
fieldset {{ border: 1px solid {BORDER}; border-radius: 6px; margin: 0.75rem 0; padding: 0.5rem 0.75rem; }}
legend {{ font-weight: 700; padding: 0 0.25rem; }}
.actions {{ list-style: none; padding: 0; margin: 0; }}
.actions li {{ padding: 0.35rem 0; border-bottom: 1px solid {TRACK}; max-width: none; }}
.actions label {{ display: inline; font-weight: 600; margin: 0; }}
.actions .what {{ display: block; margin-left: 1.9rem; color: var(--muted); font-size: 0.95rem; }}
.actions input[type=radio] {{ width: 1.2rem; height: 1.2rem; margin-right: 0.5rem; vertical-align: -0.15rem; }}
ol.queue {{ padding-left: 1.5rem; }}
ol.queue li {{ padding: 0.3rem 0; max-width: none; }}
ol.queue form {{ display: inline; }}
.budget {{ display: grid; grid-template-columns: auto 1fr; gap: 0.4rem 0.75rem; align-items: center; }}
.bar {{ display: flex; flex-wrap: wrap; align-items: center; gap: 0.2rem 0.6rem; margin: 0.25rem 0; }}
.bar .track {{ width: 12rem; flex: none; }}
.track {{ display: block; height: 1rem; background: {TRACK}; border: 1px solid {MUTED}; border-radius: 3px; overflow: hidden; min-width: 8rem; }}
.fill {{ display: block; height: 100%; background: var(--link); }}
.stack {{ display: flex; height: 1.1rem; border: 1px solid {MUTED}; border-radius: 3px; overflow: hidden; }}
.stack span {{ display: block; height: 100%; }}
.swatch {{ display: inline-block; width: 0.9rem; height: 0.9rem; border: 1px solid {INK}; margin-right: 0.35rem; vertical-align: -0.1rem; }}
.legend {{ list-style: none; padding: 0; margin: 0.25rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.95rem; }}
.scroll {{ overflow-x: auto; }}
table {{ border-collapse: collapse; margin: 0.5rem 0; }}
th, td {{ text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid {BORDER}; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
tbody tr:nth-child(even) {{ background: var(--panel); }}
tbody th {{ white-space: nowrap; }}
figure {{ margin: 0.5rem 0 1rem; }}
figure svg {{ width: 100%; height: auto; max-width: 44rem; display: block; }}
figcaption {{ font-weight: 600; }}
.stars {{ font-size: 1.8rem; letter-spacing: 0.1rem; }}
ul.lines li {{ margin: 0.25rem 0; }}
body.projector {{ font-size: 1.6rem; }}
body.projector main {{ max-width: none; }}
body.projector h1 {{ font-size: 2.4rem; }}
body.projector h2 {{ font-size: 2rem; }}
body.projector h3, body.projector figcaption {{ font-size: 1.6rem; }}
body.projector .legend {{ font-size: 1.3rem; }}
body.projector table {{ font-size: 1.3rem; }}
body.projector figure svg {{ max-width: none; }}
@media (max-width: 30rem) {{ body {{ font-size: 1rem; }} main {{ padding: 0.5rem 0.6rem; }} }}
"#
    )
}
