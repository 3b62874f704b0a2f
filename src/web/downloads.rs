//! Downloads made in the page from what it shows: the scorecard as JSON, a chart as SVG or
//! PNG, a panel's table as CSV. Files are made here and handed to the browser's download; they
//! are never sent anywhere.

use js_sys::Array;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

/// Saves the scorecard as `loyalty-scorecard.json`.
pub(super) fn download_json(doc: &Document, card: &JsValue) -> Result<(), String> {
    if card.is_undefined() {
        return Err("no scorecard to export yet".into());
    }
    let text =
        js_sys::JSON::stringify_with_replacer_and_space(card, &JsValue::NULL, &JsValue::from(2)).map_err(|_| "the scorecard could not be written as JSON".to_string())?.as_string().unwrap_or_default();
    download(doc, "loyalty-scorecard.json", "application/json", &text)
}

/// Hands `text` to the browser's download as a file `name`, through a temporary object URL: the
/// file is made in this page and never sent anywhere.
pub(super) fn download(doc: &Document, name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = Array::of1(&JsValue::from_str(text));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props).map_err(|_| "could not create the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "could not create the file".to_string())?;
    let a = doc.create_element("a").map_err(|_| "could not start the download".to_string())?;
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", name);
    if let Some(a) = a.dyn_ref::<HtmlElement>() {
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The chart of a panel as a standalone SVG document: a copy with the colours and fonts the
/// page's stylesheet gives each element written into it, so it looks the same outside the page.
pub(super) fn chart_svg(fig: &Element) -> Result<String, String> {
    let svg = fig.query_selector("svg.chart").ok().flatten().ok_or("this panel has no chart")?;
    let copy: Element = svg.clone_node_with_deep(true).map_err(|_| "could not copy the chart")?.dyn_into().map_err(|_| "could not copy the chart")?;
    let window = web_sys::window().ok_or("no window")?;
    let (from, to) = (svg.query_selector_all("*").map_err(|_| "chart")?, copy.query_selector_all("*").map_err(|_| "chart")?);
    let props = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-size", "font-family", "font-weight", "text-anchor", "dominant-baseline"];
    // As SVG presentation attributes, not `style`: the page's Content-Security-Policy rightly
    // refuses inline styles.
    let paint = |from: &Element, to: &Element| {
        let Ok(Some(cs)) = window.get_computed_style(from) else { return };
        for p in props {
            if let Some(v) = cs.get_property_value(p).ok().filter(|v| !v.is_empty()) {
                let _ = to.set_attribute(p, &v);
            }
        }
    };
    for i in 0..from.length().min(to.length()) {
        if let (Some(a), Some(b)) = (from.item(i).and_then(|n| n.dyn_into::<Element>().ok()), to.item(i).and_then(|n| n.dyn_into::<Element>().ok())) {
            paint(&a, &b);
            let _ = b.remove_attribute("tabindex");
        }
    }
    paint(&svg, &copy);
    let _ = copy.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    // The panel's own background behind the chart (the dark palette's light text stays readable
    // wherever the file is opened; the PNG is drawn from this copy).
    let bg = window.get_computed_style(fig).ok().flatten().and_then(|cs| cs.get_property_value("background-color").ok()).filter(|c| !c.is_empty() && c != "transparent" && c != "rgba(0, 0, 0, 0)");
    if let (Some(bg), Some(doc)) = (bg, fig.owner_document()) {
        if let Ok(r) = doc.create_element_ns(Some("http://www.w3.org/2000/svg"), "rect") {
            for (k, v) in [("x", "0"), ("y", "0"), ("width", "100%"), ("height", "100%"), ("fill", bg.as_str())] {
                let _ = r.set_attribute(k, v);
            }
            let _ = copy.insert_before(&r, copy.first_child().as_ref());
        }
    }
    let title = fig.query_selector("figcaption").ok().flatten().and_then(|c| c.text_content()).unwrap_or_default();
    if let Ok(t) = fig.owner_document().ok_or("no document")?.create_element_ns(Some("http://www.w3.org/2000/svg"), "title") {
        t.set_text_content(Some(&title));
        let _ = copy.insert_before(&t, copy.first_child().as_ref());
    }
    Ok(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}", copy.outer_html()))
}

/// The chart as a PNG at twice its size on the page: the standalone SVG drawn on a canvas (as a
/// data: URL, which the demo pages' Content-Security-Policy allows for images), then handed to
/// the browser's download. Asynchronous: errors are shown in the widget.
pub(super) fn download_png(doc: &Document, on_error: Rc<dyn Fn(&str)>, fig: &Element, name: &str, svg: &str) -> Result<(), String> {
    use wasm_bindgen::closure::Closure;
    let chart = fig.query_selector("svg.chart").ok().flatten().ok_or("this panel has no chart")?;
    let rect = chart.get_bounding_client_rect();
    let (w, h) = ((rect.width().max(1.0) * 2.0).round() as u32, (rect.height().max(1.0) * 2.0).round() as u32);
    let img: web_sys::HtmlImageElement = doc.create_element("img").map_err(|_| "image")?.dyn_into().map_err(|_| "image")?;
    let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").map_err(|_| "canvas")?.dyn_into().map_err(|_| "canvas")?;
    canvas.set_width(w);
    canvas.set_height(h);
    let (fail_later, name, img2, doc2) = (on_error.clone(), name.to_string(), img.clone(), doc.clone());
    let onload = Closure::once_into_js(move || {
        let fail = |m: &str| fail_later(m);
        let Some(ctx) = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()) else {
            return fail("the chart could not be drawn");
        };
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
        if ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, f64::from(w), f64::from(h)).is_err() {
            return fail("the chart could not be drawn");
        }
        let fail_blob = fail_later.clone();
        let saved = Closure::once_into_js(move |blob: JsValue| {
            let Some(blob) = blob.dyn_ref::<web_sys::Blob>() else { return fail_blob("the PNG could not be made") };
            let doc = doc2;
            let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
            if let Some(a) = doc.create_element("a").ok().and_then(|a| a.dyn_into::<HtmlElement>().ok()) {
                let _ = a.set_attribute("href", &url);
                let _ = a.set_attribute("download", &name);
                a.click();
            }
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        if canvas.to_blob(saved.unchecked_ref()).is_err() {
            fail("the PNG could not be made");
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    let onerror = Closure::once_into_js(move || on_error("the chart could not be turned into a PNG (the page's security policy may refuse data: images)"));
    img.set_onerror(Some(onerror.unchecked_ref()));
    let b64 = js_sys::global().dyn_into::<web_sys::Window>().ok().and_then(|win| win.btoa(&utf8_as_latin1(svg)).ok()).ok_or("the chart could not be encoded")?;
    img.set_src(&format!("data:image/svg+xml;base64,{b64}"));
    Ok(())
}

/// `text`'s UTF-8 bytes as a string of one char per byte (what `btoa` encodes).
fn utf8_as_latin1(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// The table of a panel as CSV (RFC 4180, with a byte-order mark so spreadsheet programs read
/// Chinese text). Cells that a spreadsheet would run as a formula are written with a leading '.
pub(super) fn table_csv(fig: &Element) -> String {
    let mut out = String::from("\u{feff}");
    let Ok(rows) = fig.query_selector_all("table tr") else { return out };
    for i in 0..rows.length() {
        let Some(row) = rows.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let Ok(cells) = row.query_selector_all("th, td") else { continue };
        let line: Vec<String> = (0..cells.length()).filter_map(|j| cells.item(j).and_then(|c| c.text_content())).map(|text| crate::export::csv_cell(&text)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}
