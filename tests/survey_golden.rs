//! Golden tests of the survey-item analyses (src/metrics/satisfaction/survey) on hand-checked
//! fixtures in tests/fixtures/survey/, each with its hand calculation or published source in
//! "source". Runs natively (`cargo test`) and in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --no-default-features --test survey_golden`).

use loyalty_scorecard::dataset::{Question, QuestionKind, Survey, SurveyResponse};
use loyalty_scorecard::metrics::satisfaction::survey::index::acsi_index;
use loyalty_scorecard::metrics::satisfaction::survey::kano::{evaluate, KanoAnswer};
use loyalty_scorecard::metrics::satisfaction::survey::{analyze_survey, SurveyOptions, SurveyReport};
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const KANO: &str = include_str!("fixtures/survey/kano.json");
const INDEX: &str = include_str!("fixtures/survey/index.json");
const IPA: &str = include_str!("fixtures/survey/ipa.json");

// ---------------------------------------------------------------- helpers

fn close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(got.is_finite(), "{what}: got {got}");
    assert!((got - want).abs() <= tol, "{what}: got {got}, expected {want} (tolerance {tol})");
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn kind(q: &Value) -> QuestionKind {
    let item = || q["item"].as_str().expect("item").to_string();
    match q["kind"].as_str().expect("kind") {
        "overall" => QuestionKind::Overall,
        "csat" => QuestionKind::Csat,
        "nps" => QuestionKind::Nps,
        "ces" => QuestionKind::Ces,
        "performance" => QuestionKind::Performance { item: item() },
        "importance" => QuestionKind::Importance { item: item() },
        "expectation" => QuestionKind::Expectation { item: item() },
        "kano_functional" => QuestionKind::KanoFunctional { feature: item() },
        "kano_dysfunctional" => QuestionKind::KanoDysfunctional { feature: item() },
        _ => QuestionKind::Other,
    }
}

fn response(answers: Vec<Option<f64>>) -> SurveyResponse {
    SurveyResponse { respondent_id: None, customer_id: None, date: None, answers, row: 0 }
}

fn question(name: &str, kind: QuestionKind, min: f64, max: f64) -> Question {
    Question { name: name.to_string(), kind, min, max }
}

/// A Survey, options and tolerance from a fixture with "questions", "answers", "options".
fn from_fixture(fx: &Value) -> (Survey, SurveyOptions) {
    let questions = fx["questions"].as_array().unwrap().iter().map(|q| question(q["name"].as_str().unwrap(), kind(q), f(&q["min"]), f(&q["max"]))).collect();
    let responses = fx["answers"].as_array().unwrap().iter().map(|row| response(row.as_array().unwrap().iter().map(Value::as_f64).collect())).collect();
    let opts: SurveyOptions = serde_json::from_value(fx["options"].clone()).expect("options deserialize");
    (Survey { questions, responses }, opts)
}

fn as_json(report: &SurveyReport) -> Value {
    serde_json::to_value(report).expect("report serializes")
}

/// Every number in a JSON value is finite (serde_json turns NaN into null, so also: no nulls
/// where a number was expected is checked by the callers).
fn no_nan(report: &SurveyReport) {
    let text = format!("{report:?}");
    assert!(!text.contains("NaN") && !text.contains("inf"), "NaN or infinity in report: {text}");
}

const ANSWERS: [KanoAnswer; 5] = KanoAnswer::ALL;

// ---------------------------------------------------------------- Kano

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn kano_evaluation_table_every_cell() {
    let fx: Value = serde_json::from_str(KANO).unwrap();
    let table = fx["table"].as_array().unwrap();
    // 1) the pure table, all 25 cells
    for (i, fa) in ANSWERS.iter().enumerate() {
        for (j, da) in ANSWERS.iter().enumerate() {
            let want = table[i][j].as_str().unwrap();
            assert_eq!(evaluate(*fa, *da).code().to_string(), want, "cell functional {fa:?} x dysfunctional {da:?}");
        }
    }
    // 2) through analyze_survey: 25 features, two respondents giving the same pair -> the
    //    feature's category is the cell's class.
    let mut questions = Vec::new();
    let mut answers = Vec::new();
    for (i, _) in ANSWERS.iter().enumerate() {
        for (j, _) in ANSWERS.iter().enumerate() {
            let feature = format!("cell_{}_{}", i + 1, j + 1);
            questions.push(question(&format!("{feature} present"), QuestionKind::KanoFunctional { feature: feature.clone() }, 1.0, 5.0));
            questions.push(question(&format!("{feature} absent"), QuestionKind::KanoDysfunctional { feature }, 1.0, 5.0));
            answers.push(Some((i + 1) as f64));
            answers.push(Some((j + 1) as f64));
        }
    }
    let survey = Survey { questions, responses: vec![response(answers.clone()), response(answers)] };
    let report = analyze_survey(&survey, None, &SurveyOptions::default());
    no_nan(&report);
    let kano = report.kano.as_ref().expect("kano section");
    assert_eq!(kano.features.len(), 25);
    for feat in &kano.features {
        let (i, j) = {
            let p: Vec<usize> = feat.feature[5..].split('_').map(|s| s.parse().unwrap()).collect();
            (p[0] - 1, p[1] - 1)
        };
        assert_eq!(feat.n, 2);
        assert_eq!(feat.category.len(), 1, "{}", feat.feature);
        assert_eq!(feat.category[0].code().to_string(), table[i][j].as_str().unwrap(), "{}", feat.feature);
    }
}

fn kano_survey(feature: &str, triples: &[(usize, usize, Option<f64>)]) -> Survey {
    let mut questions =
        vec![question("present", QuestionKind::KanoFunctional { feature: feature.into() }, 1.0, 5.0), question("absent", QuestionKind::KanoDysfunctional { feature: feature.into() }, 1.0, 5.0)];
    let with_imp = triples.iter().any(|t| t.2.is_some());
    if with_imp {
        questions.push(question("importance", QuestionKind::Importance { item: feature.into() }, 1.0, 9.0));
    }
    let responses = triples
        .iter()
        .map(|&(a, b, w)| {
            let mut v = vec![Some(a as f64), Some(b as f64)];
            if with_imp {
                v.push(w);
            }
            response(v)
        })
        .collect();
    Survey { questions, responses }
}

fn check_kano_case(case: &Value, survey: &Survey, tol: f64) {
    let report = analyze_survey(survey, None, &SurveyOptions::default());
    no_nan(&report);
    let j = as_json(&report);
    let feat = &j["kano"]["features"][0];
    if let Some(c) = case.get("counts") {
        assert_eq!(&feat["counts"], c, "counts");
    }
    assert_eq!(&feat["category"], &case["category"], "category");
    assert_eq!(feat["tied"].as_bool().unwrap(), case["category"].as_array().unwrap().len() > 1);
    close("better", f(&feat["better"]), f(&case["better"]), tol);
    close("worse", f(&feat["worse"]), f(&case["worse"]), tol);
    close("functional", f(&feat["continuous"]["functional"]), f(&case["functional"]), tol);
    close("dysfunctional", f(&feat["continuous"]["dysfunctional"]), f(&case["dysfunctional"]), tol);
    assert_eq!(&feat["continuous"]["position_class"], &case["position_class"]);
    if let Some(imp) = case.get("importance") {
        close("importance", f(&feat["continuous"]["importance"]), f(imp), tol);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn kano_better_worse_and_continuous() {
    let fx: Value = serde_json::from_str(KANO).unwrap();
    let tol = f(&fx["tolerance_abs"]);
    // one respondent per cell
    let all: Vec<(usize, usize, Option<f64>)> = (1..=5).flat_map(|a| (1..=5).map(move |b| (a, b, None))).collect();
    check_kano_case(&fx["all_cells"], &kano_survey("all", &all), tol);
    // worked counts: A=(1,3) x10, O=(1,5) x5, M=(3,5) x3, I=(3,3) x2, R=(5,1) x1, Q=(1,1) x1
    let mut worked = Vec::new();
    for (pair, k) in [((1, 3), 10), ((1, 5), 5), ((3, 5), 3), ((3, 3), 2), ((5, 1), 1), ((1, 1), 1)] {
        worked.extend(std::iter::repeat_n((pair.0, pair.1, None), k));
    }
    check_kano_case(&fx["worked"], &kano_survey("worked", &worked), tol);
    // self-stated importance, three-way tie
    let stated = [(1, 5, Some(9.0)), (1, 3, Some(3.0)), (3, 5, Some(6.0))];
    check_kano_case(&fx["stated_importance"], &kano_survey("stated", &stated), tol);
    // labels from 《如何从顾客满意到顾客信任》
    let report = analyze_survey(&kano_survey("stated", &stated), None, &SurveyOptions::default());
    let labels: Vec<String> = report.kano.unwrap().features[0].category_labels.iter().map(|l| l.zh_hans.clone()).collect();
    assert_eq!(labels, ["激励质量", "绩效质量", "基本质量"]);
}

// ---------------------------------------------------------------- index

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn index_acsi_scaling_and_rollup() {
    let fx: Value = serde_json::from_str(INDEX).unwrap();
    let tol = f(&fx["tolerance_abs"]);
    let e = &fx["expected"];
    // The reference README's formula, by itself.
    let ex = &fx["readme_example"];
    let v = |k: &str, o: &Value| o[k].as_array().unwrap().iter().map(f).collect::<Vec<f64>>();
    close("readme formula", acsi_index(&v("means", ex), &v("weights", ex), 1.0, 10.0).unwrap(), f(&ex["index"]), tol);
    close("acsi formula", acsi_index(&v("acsi_means", e), &v("acsi_weights", e), 1.0, 10.0).unwrap(), f(&e["index"]), tol);
    // The same through the tree.
    let (survey, opts) = from_fixture(&fx);
    let report = analyze_survey(&survey, None, &opts);
    no_nan(&report);
    let idx = report.index.as_ref().expect("index section");
    close("index", idx.index, f(&e["index"]), tol);
    assert_eq!(idx.n, 3);
    for node in &idx.tree.children {
        close(&format!("node {}", node.id), node.score.unwrap(), f(&e["node_scores"][&node.id]), tol);
        close(&format!("contribution {}", node.id), node.contribution, f(&e["contributions"][&node.id]), tol);
        for it in &node.items {
            close(&format!("item {}", it.item), it.score, f(&e["item_scores"][&it.item]), tol);
        }
    }
    let sum: f64 = idx.tree.children.iter().map(|c| c.contribution).sum();
    close("contributions add up to the index", sum, idx.index, tol);
    let links: Vec<&str> = idx.weakest_links.iter().map(|l| l.item.as_str()).collect();
    let want: Vec<&str> = e["weakest_links"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert_eq!(links, want);
    for (l, p) in idx.weakest_links.iter().zip(e["points_lost"].as_array().unwrap()) {
        close(&format!("points lost {}", l.item), l.points_lost, f(p), tol);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn index_default_tree_places_items_by_keyword() {
    let fx: Value = serde_json::from_str(INDEX).unwrap();
    let (survey, _) = from_fixture(&fx);
    let report = analyze_survey(&survey, None, &SurveyOptions::default());
    let idx = report.index.unwrap();
    let place = |item: &str| idx.tree.children.iter().find(|c| c.items.iter().any(|i| i.item == item)).map(|c| c.id.clone());
    assert_eq!(place("quality").as_deref(), Some("form"));
    assert_eq!(place("delivery").as_deref(), Some("augmented"));
    assert_eq!(place("price").as_deref(), Some("expected"));
    // Equal given weights over the three scored level-2 nodes: (77.78 + 55.56 + 44.44)/3 = 59.259...
    // (hand calculation: (7 + 5 + 4)/27*100).
    close("default-tree index", idx.index, 16.0 / 27.0 * 100.0, 1e-9);
}

// ---------------------------------------------------------------- IPA

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn ipa_quadrants_martilla_james() {
    let fx: Value = serde_json::from_str(IPA).unwrap();
    let tol = f(&fx["tolerance_abs"]);
    let e = &fx["expected"];
    let (survey, opts) = from_fixture(&fx);
    let report = analyze_survey(&survey, None, &opts);
    no_nan(&report);
    let j = as_json(&report);
    let ipa = &j["ipa"];
    assert_eq!(ipa["importance_source"], e["importance_source"]);
    close("importance cross-hair", f(&ipa["importance_crosshair"]), f(&e["importance_crosshair"]), tol);
    close("performance cross-hair", f(&ipa["performance_crosshair"]), f(&e["performance_crosshair"]), tol);
    for it in ipa["items"].as_array().unwrap() {
        let name = it["item"].as_str().unwrap();
        let w = &e["items"][name];
        close(&format!("{name} importance"), f(&it["importance"]), f(&w["importance"]), tol);
        close(&format!("{name} performance"), f(&it["performance_score"]), f(&w["performance"]), tol);
        assert_eq!(it["quadrant"], w["quadrant"], "{name}");
        close(&format!("{name} priority"), f(&it["priority"]), f(&w["priority"]), tol);
    }
    assert_eq!(ipa["work_first"], e["work_first"]);
}

// ---------------------------------------------------------------- edge cases

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn empty_and_one_answer_say_not_enough_data() {
    let fx: Value = serde_json::from_str(IPA).unwrap();
    let (mut survey, opts) = from_fixture(&fx);
    survey.questions.push(question("overall", QuestionKind::Overall, 1.0, 5.0));
    survey.questions.push(question("f+", QuestionKind::KanoFunctional { feature: "f".into() }, 1.0, 5.0));
    survey.questions.push(question("f-", QuestionKind::KanoDysfunctional { feature: "f".into() }, 1.0, 5.0));
    survey.questions.push(question("exp A", QuestionKind::Expectation { item: "A".into() }, 1.0, 5.0));
    let width = survey.questions.len();
    for responses in [Vec::new(), vec![response(vec![Some(3.0); width])]] {
        let s = Survey { questions: survey.questions.clone(), responses };
        let report = analyze_survey(&s, Some(&vec![Some(true); s.responses.len()]), &opts);
        no_nan(&report);
        for name in ["gaps", "index", "ipa", "drivers", "kano"] {
            let j = as_json(&report);
            assert!(j[name].is_null(), "{name} should be missing with {} responses", s.responses.len());
            let prefix = format!("{name}: not enough data");
            assert!(report.messages.iter().any(|m| m.starts_with(&prefix)), "{prefix} missing in {:?}", report.messages);
        }
    }
    // A survey with no questions at all.
    let report = analyze_survey(&Survey::default(), None, &SurveyOptions::default());
    no_nan(&report);
    assert!(report.index.is_none() && report.kano.is_none());
}

// ---------------------------------------------------------------- properties

/// Small deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn properties_index_better_worse_bounds() {
    let mut rng = Lcg(20_240_101);
    let items = ["quality", "delivery", "price", "service", "website", "brand"];
    for case in 0..200 {
        let n = 1 + rng.below(12) as usize;
        let mut questions = vec![question("overall", QuestionKind::Overall, 1.0, 10.0)];
        for it in items {
            let (lo, hi) = if rng.below(2) == 0 { (1.0, 7.0) } else { (0.0, 10.0) };
            questions.push(question(it, QuestionKind::Performance { item: it.into() }, lo, hi));
            questions.push(question(it, QuestionKind::Importance { item: it.into() }, 1.0, 5.0));
            questions.push(question(it, QuestionKind::Expectation { item: it.into() }, lo, hi));
        }
        for k in 0..3 {
            let feature = format!("k{k}");
            questions.push(question("f", QuestionKind::KanoFunctional { feature: feature.clone() }, 1.0, 5.0));
            questions.push(question("d", QuestionKind::KanoDysfunctional { feature }, 1.0, 5.0));
        }
        let responses = (0..n).map(|_| response(questions.iter().map(|q| if rng.below(8) == 0 { None } else { Some(q.min + rng.below((q.max - q.min) as u64 + 1) as f64) }).collect())).collect();
        let survey = Survey { questions, responses };
        let repurchase: Vec<Option<bool>> = (0..n).map(|_| [None, Some(true), Some(false)][rng.below(3) as usize]).collect();
        for weights in ["given", "equal", "correlation"] {
            let opts: SurveyOptions = serde_json::from_value(serde_json::json!({ "weights": weights })).unwrap();
            let report = analyze_survey(&survey, Some(&repurchase), &opts);
            no_nan(&report);
            if let Some(idx) = &report.index {
                assert!((0.0..=100.0).contains(&idx.index), "case {case}: index {}", idx.index);
            }
            if let Some(k) = &report.kano {
                for feat in &k.features {
                    if let Some(b) = feat.better {
                        assert!((0.0..=1.0).contains(&b), "case {case}: better {b}");
                    }
                    if let Some(w) = feat.worse {
                        assert!((-1.0..=0.0).contains(&w), "case {case}: worse {w}");
                    }
                    let c = feat.continuous.as_ref().unwrap();
                    assert!((-2.0..=4.0).contains(&c.functional) && (-2.0..=4.0).contains(&c.dysfunctional));
                }
            }
            if let Some(d) = &report.drivers {
                for s in &d.drivers {
                    assert!((0.0..=100.0).contains(&s.score), "case {case}: driver score {}", s.score);
                }
            }
        }
    }
}

// ---------------------------------------------------------------- gaps

const GAPS: &str = include_str!("fixtures/survey/gaps.json");
const DRIVERS: &str = include_str!("fixtures/survey/drivers.json");

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn gaps_per_item_dimension_and_weighting() {
    let fx: Value = serde_json::from_str(GAPS).unwrap();
    let tol = f(&fx["tolerance_abs"]);
    let e = &fx["expected"];
    let (survey, opts) = from_fixture(&fx);
    let report = analyze_survey(&survey, None, &opts);
    no_nan(&report);
    let j = as_json(&report);
    let g = &j["gaps"];
    assert_eq!(g["items"].as_array().unwrap().len(), 3);
    for it in g["items"].as_array().unwrap() {
        let name = it["item"].as_str().unwrap();
        let w = &e["items"][name];
        close(&format!("{name} gap"), f(&it["gap"]["mean"]), f(&w["gap"]), tol);
        assert_eq!(it["gap"]["n"], w["n"], "{name} n");
        assert_eq!(it["dimension"], w["dimension"], "{name} dimension");
        assert_eq!(it["unit"], "answer");
        if let Some(ci) = w.get("ci") {
            close(&format!("{name} lower"), f(&it["gap"]["interval"]["lower"]), f(&ci[0]), tol);
            close(&format!("{name} upper"), f(&it["gap"]["interval"]["upper"]), f(&ci[1]), tol);
        }
    }
    let dims = g["dimensions"].as_array().unwrap();
    assert_eq!(dims.len(), 2);
    for d in dims {
        let name = d["dimension"].as_str().unwrap();
        let w = &e["dimensions"][name];
        close(&format!("{name} gap"), f(&d["gap"]["mean"]), f(&w["gap"]), tol);
        assert_eq!(d["gap"]["n"], w["n"]);
        assert_eq!(d["weighted"], w["weighted"], "{name} weighted");
        if let Some(ci) = w.get("ci") {
            close(&format!("{name} lower"), f(&d["gap"]["interval"]["lower"]), f(&ci[0]), tol);
            close(&format!("{name} upper"), f(&d["gap"]["interval"]["upper"]), f(&ci[1]), tol);
        }
    }
    close("overall gap", f(&g["overall"]["gap"]["mean"]), f(&e["overall"]["gap"]), tol);
    assert_eq!(g["overall"]["weighted"], e["overall"]["weighted"]);
    // Configured mapping.
    let opts: SurveyOptions = serde_json::from_value(e["mapped"]["options"].clone()).unwrap();
    let j = as_json(&analyze_survey(&survey, None, &opts));
    let dims = j["gaps"]["dimensions"].as_array().unwrap();
    assert_eq!(dims.len(), 3);
    for d in dims {
        let name = d["dimension"].as_str().unwrap();
        close(&format!("mapped {name}"), f(&d["gap"]["mean"]), f(&e["mapped"]["dimensions"][name]), tol);
    }
}

// ---------------------------------------------------------------- drivers

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn drivers_scores_and_derived_importance() {
    let fx: Value = serde_json::from_str(DRIVERS).unwrap();
    let tol = f(&fx["tolerance_abs"]);
    let e = &fx["expected"];
    let (survey, opts) = from_fixture(&fx);
    let flags: Vec<Option<bool>> = fx["repurchase"].as_array().unwrap().iter().map(Value::as_bool).collect();
    let report = analyze_survey(&survey, Some(&flags), &opts);
    no_nan(&report);
    assert_eq!(report.outcome.as_deref(), e["outcome"].as_str());
    let j = as_json(&report);
    let d = &j["drivers"];
    let list = d["drivers"].as_array().unwrap();
    assert_eq!(list.len(), 5);
    for x in list {
        let name = x["driver"].as_str().unwrap();
        let w = &e["drivers"][name];
        close(&format!("{name} score"), f(&x["score"]), f(&w["score"]), tol);
        close(&format!("{name} r overall"), f(&x["importance_overall"]["r"]), f(&w["r_overall"]), tol);
        close(&format!("{name} r repurchase"), f(&x["importance_repurchase"]["r"]), f(&w["r_repurchase"]), tol);
        assert_eq!(x["importance_repurchase"]["n"], 3);
        if let Some(rep) = w.get("repurchasers") {
            close("repurchasers", f(&x["repurchase_split"]["repurchasers"]["mean"]), f(rep), tol);
            close("others", f(&x["repurchase_split"]["others"]["mean"]), f(&w["others"]), tol);
        }
    }
    assert_eq!(d["weakest"], e["weakest"]);
    assert_eq!(d["strongest_lever"], e["strongest_lever"]);
    assert_eq!(d["priority"], e["priority"]);
    assert_eq!(d["unassigned"], e["unassigned"]);
    // A repurchase slice of the wrong length is ignored with a message, not a panic.
    let report = analyze_survey(&survey, Some(&flags[..2]), &opts);
    assert!(report.messages.iter().any(|m| m.contains("repurchase flags ignored")));
    assert!(report.drivers.unwrap().drivers[0].importance_repurchase.is_none());
}

// ---------------------------------------------------------------- sample shop

/// `cargo run --release --bin sample-shop -- --out DIR` (default seed), survey.csv copied as is.
const SAMPLE: &str = include_str!("fixtures/survey/sample_survey.csv");

/// Tiny reader for the sample's survey.csv (the real reader lives elsewhere).
fn sample_survey() -> Survey {
    let mut lines = SAMPLE.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let questions: Vec<Question> = header[3..]
        .iter()
        .map(|h| {
            let (kind, min, max) = match *h {
                "nps" => (QuestionKind::Nps, 0.0, 10.0),
                "csat" => (QuestionKind::Csat, 1.0, 5.0),
                "ces" => (QuestionKind::Ces, 1.0, 7.0),
                _ if h.starts_with("imp_") => (QuestionKind::Importance { item: h[4..].into() }, 1.0, 7.0),
                _ if h.starts_with("perf_") => (QuestionKind::Performance { item: h[5..].into() }, 1.0, 7.0),
                _ => (QuestionKind::Other, 0.0, 1.0),
            };
            question(h, kind, min, max)
        })
        .collect();
    let responses = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            let mut r = response(cells[3..].iter().map(|c| c.parse().ok()).collect());
            r.respondent_id = Some(cells[0].into());
            r.customer_id = Some(cells[1].into());
            r
        })
        .collect();
    Survey { questions, responses }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn sample_shop_survey_sanity() {
    use loyalty_scorecard::metrics::satisfaction::survey::{ImportanceSource, Quadrant};
    let survey = sample_survey();
    let n = survey.responses.len();
    assert!(n > 100, "{n} responses");
    let report = analyze_survey(&survey, None, &SurveyOptions::default());
    no_nan(&report);
    assert_eq!(report.outcome.as_deref(), Some("csat"), "no Overall question -> CSAT is the outcome");
    assert!(report.gaps.is_none() && report.kano.is_none(), "the sample has no expectation or Kano columns");

    // Index: every answer is complete, 5 items, all placed by the default keywords.
    let idx = report.index.as_ref().unwrap();
    assert!((0.0..=100.0).contains(&idx.index));
    assert_eq!(idx.n, n);
    let placed: Vec<(String, String)> = idx.tree.children.iter().flat_map(|c| c.items.iter().map(move |i| (i.item.clone(), c.id.clone()))).collect();
    assert_eq!(placed.len(), 5, "{placed:?}");
    assert!(placed.iter().all(|(_, node)| node != "other"));
    // The index equals the ACSI formula over global weights and item means (one 1-7 scale).
    let items: Vec<_> = idx.tree.children.iter().flat_map(|c| c.items.iter()).collect();
    let means: Vec<f64> = items.iter().map(|i| i.mean.mean).collect();
    let weights: Vec<f64> = items.iter().map(|i| i.global_weight).collect();
    close("sample index vs ACSI formula", idx.index, acsi_index(&means, &weights, 1.0, 7.0).unwrap(), 1e-9);

    // IPA with stated importance: the generator gives quality the highest and website the
    // lowest mean importance (6.2 and 4.2 before rounding), and price the lowest performance.
    // Means of this file (Python csv): importance quality 6.165, delivery 5.508, price 5.087,
    // service 4.854, website 4.154 (cross-hair 5.154); performance 5.449, 5.311, 4.929, 5.248,
    // 5.524 (cross-hair 5.292) -> quadrants below; only price and service sit below the
    // performance cross-hair, price further and with more importance -> price first.
    let ipa = report.ipa.as_ref().unwrap();
    assert_eq!(ipa.importance_source, ImportanceSource::Stated);
    assert_eq!(ipa.items.len(), 5);
    let get = |name: &str| ipa.items.iter().find(|i| i.item == name).unwrap();
    assert!(get("quality").importance >= ipa.importance_crosshair);
    assert!(get("website").importance < ipa.importance_crosshair);
    for (item, q) in [
        ("quality", Quadrant::KeepUpTheGoodWork),
        ("delivery", Quadrant::KeepUpTheGoodWork),
        ("price", Quadrant::LowPriority),
        ("service", Quadrant::LowPriority),
        ("website", Quadrant::PossibleOverkill),
    ] {
        assert_eq!(get(item).quadrant, q, "{item}");
    }
    close("price performance", get("price").performance.mean, 4.929, 5e-4);
    close("quality importance", get("quality").stated_importance.as_ref().unwrap().mean, 6.165, 5e-4);
    assert_eq!(ipa.work_first, ["price", "service"]);
    // Both are "Low priority": presented as below par but less important, never as the first
    // thing to fix (the report's wording follows `focus`).
    assert_eq!(ipa.focus(), (Vec::<&str>::new(), vec!["price", "service"]));
    let mean_perf = ipa.items.iter().map(|i| i.performance_score).sum::<f64>() / 5.0;
    close("performance cross-hair", ipa.performance_crosshair, mean_perf, 1e-9);

    // Derived importance: every item correlates positively with CSAT in the generator.
    let opts = SurveyOptions { ipa_importance: ImportanceSource::Derived, ..SurveyOptions::default() };
    let derived = analyze_survey(&survey, None, &opts).ipa.unwrap();
    assert_eq!(derived.importance_source, ImportanceSource::Derived);
    assert!(derived.items.iter().all(|i| i.importance > 0.0 && i.importance <= 1.0), "{:?}", derived.items);

    // Drivers: quality, delivery, service -> service quality; website -> experience; price -> value-added.
    let drivers = report.drivers.as_ref().unwrap();
    let names: Vec<String> = drivers.drivers.iter().map(|d| format!("{:?}:{}", d.driver, d.items.join("+"))).collect();
    assert_eq!(names, ["ServiceQuality:delivery+quality+service", "ServiceExperience:website", "ValueAdded:price"]);
    assert!(drivers.drivers.iter().all(|d| d.importance_overall.is_some_and(|c| c.r > 0.0)));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn index_derived_correlation_weights() {
    use loyalty_scorecard::metrics::satisfaction::survey::WeightMethod;
    // Index fixture: quality, delivery and price each correlate r = 1 with overall (they move in
    // step), so derived weights are equal at every level: product 0.5, service 0.5 (delivery and
    // price 0.5 each within it). Hand calculation: 0.5*77.777... + 0.5*50 = 63.888...
    let fx: Value = serde_json::from_str(INDEX).unwrap();
    let (survey, mut opts) = from_fixture(&fx);
    opts.weights = WeightMethod::Correlation;
    let idx = analyze_survey(&survey, None, &opts).index.unwrap();
    assert_eq!(idx.weights, WeightMethod::Correlation);
    close("derived-weight index", idx.index, 0.5 * 700.0 / 9.0 + 0.5 * 50.0, 1e-9);

    // Sample shop: each level-2 weight is max(r, 0) normalised over the scored siblings.
    let survey = sample_survey();
    let idx = analyze_survey(&survey, None, &opts_with(WeightMethod::Correlation)).index.unwrap();
    let scored: Vec<_> = idx.tree.children.iter().filter(|c| c.score.is_some()).collect();
    let total: f64 = scored.iter().map(|c| c.correlation.unwrap().r.max(0.0)).sum();
    for c in &scored {
        close(&format!("weight {}", c.id), c.weight, c.correlation.unwrap().r.max(0.0) / total, 1e-12);
    }
    assert!((0.0..=100.0).contains(&idx.index));
}

fn opts_with(weights: loyalty_scorecard::metrics::satisfaction::survey::WeightMethod) -> SurveyOptions {
    SurveyOptions { weights, ..SurveyOptions::default() }
}
