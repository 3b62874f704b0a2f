//! The three-level satisfaction index: overall satisfaction <- level-2 indicators <- survey
//! items, rolled up to one 0-100 number.
//!
//! Source of the tree: 《如何从顾客满意到顾客信任》 (顾客满意度测评指标: 一级指标 总体满意度; 二级指标 核心产品,
//! 形式产品, 期望产品, 延伸产品, 潜在产品; 三级指标 the concrete items). Scaling: ACSI style
//! (Fornell, Johnson, Anderson, Cha & Bryant 1996, "The American Customer Satisfaction Index",
//! Journal of Marketing 60(4)): index = (Σ w·x̄ − Σ w·min) / ((max − min)·Σ w) · 100, i.e. for
//! 1-10 items (Σ w·x̄ − Σ w) / (9·Σ w) · 100.
//!
//! # Roll-up
//! * Item score = (x̄ − min) / (max − min) · 100 over the item's usable answers (its own scale).
//! * Node score = Σ wᶜ·sᶜ / Σ wᶜ over its children (child nodes and items mapped to it) that have
//!   a score. With one common scale this is exactly the ACSI formula above with each item's
//!   global weight w (the product of its normalised weights along the path).
//! * Contribution of a node or item = global weight × score (the root's children's
//!   contributions add up to the index); points lost = global weight × (100 − score).
//! * Weakest links = items ordered by points lost, largest first.
//!
//! # Weights ([`WeightMethod`])
//! * `Given`: each node's `weight` field and [`SurveyOptions::item_weights`] (missing = 1).
//! * `Equal`: 1 for every child.
//! * `Correlation` (derived): Pearson r between a child's per-respondent score (an item's 0-100
//!   answer; for a node, the mean of the respondent's 0-100 answers to all items below it) and
//!   the outcome question, negative r set to 0, normalised among siblings. When no sibling has a
//!   positive r (or there is no outcome) the group falls back to equal weights, with a message.
//!   Regression weights are not offered: survey items are strongly collinear and small samples
//!   give unstable, often negative coefficients.
//!
//! Only `Performance` items enter the index. Items that no option or keyword places are put in
//! an automatic `other` child of the root, so every item counts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{respondent_means, Column, Correlation, Label, MeanScore, Section, SurveyData, SurveyOptions};

/// How index weights are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum WeightMethod {
    /// The tree's `weight` fields and `item_weights` (missing = 1).
    #[default]
    Given,
    /// Every child weighs the same.
    Equal,
    /// Derived: correlation with the outcome question (negatives set to 0), normalised.
    Correlation,
}

/// One node of an indicator tree (serde: `{"id": ..., "label": {...}, "weight": 1,
/// "keywords": [...], "children": [...]}`; all but `id` optional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorNode {
    /// Unique id, used by [`SurveyOptions::item_leaf`].
    pub id: String,
    #[serde(default)]
    /// Name in English and Chinese.
    pub label: Label,
    /// Given weight relative to its siblings (used by [`WeightMethod::Given`]).
    #[serde(default = "one")]
    pub weight: f64,
    /// An item whose lower-case name contains one of these is placed here (first match in
    /// depth-first order) unless `item_leaf` says otherwise.
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    /// Child indicators.
    pub children: Vec<IndicatorNode>,
}

fn one() -> f64 {
    1.0
}

impl IndicatorNode {
    fn new(id: &str, label: Label, keywords: &[&str]) -> IndicatorNode {
        IndicatorNode { id: id.into(), label, weight: 1.0, keywords: keywords.iter().map(|k| k.to_string()).collect(), children: Vec::new() }
    }

    fn find(&self, id: &str) -> bool {
        self.id == id || self.children.iter().any(|c| c.find(id))
    }

    fn keyword_node(&self, item: &str) -> Option<&str> {
        let lower = item.to_lowercase();
        if self.keywords.iter().any(|k| !k.is_empty() && lower.contains(&k.to_lowercase())) {
            return Some(&self.id);
        }
        self.children.iter().find_map(|c| c.keyword_node(item))
    }
}

/// The default tree of 《如何从顾客满意到顾客信任》: overall satisfaction with five level-2 indicators.
///
/// | id | indicator | keywords |
/// |---|---|---|
/// | `core` | core product / basic benefit 核心产品(基本效用或利益) | core, benefit, function, fit for, usefulness |
/// | `form` | form product: quality, style, features, brand, packaging 形式产品 | quality, style, design, feature, brand, packag, look |
/// | `expected` | expected product: attributes and conditions 期望产品 | price, value, website, checkout, payment, condition, attribute, expect, ease |
/// | `augmented` | augmented product: sales service and guarantees 延伸产品 | service, delivery, shipping, return, refund, warrant, guarantee, support |
/// | `potential` | potential product: future prospects 潜在产品 | potential, future, innovat, prospect, upgrade |
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::survey::index::default_tree;
/// let t = default_tree();
/// assert_eq!(t.label.zh_hans, "总体满意度");
/// assert_eq!(t.children.len(), 5);
/// ```
pub fn default_tree() -> IndicatorNode {
    let mut root = IndicatorNode::new("overall", Label::new("overall satisfaction", "总体满意度", "總體滿意度"), &[]);
    root.children = vec![
        IndicatorNode::new("core", Label::new("core product / basic benefit", "核心产品(基本效用或利益)", "核心產品(基本效用或利益)"), &["core", "benefit", "function", "fit for", "usefulness"]),
        IndicatorNode::new(
            "form",
            Label::new("form product: quality, style, features, brand, packaging", "形式产品(品质、式样、特色、商标、包装)", "形式產品(品質、式樣、特色、商標、包裝)"),
            &["quality", "style", "design", "feature", "brand", "packag", "look"],
        ),
        IndicatorNode::new(
            "expected",
            Label::new("expected product: attributes and conditions", "期望产品(属性与条件)", "期望產品(屬性與條件)"),
            &["price", "value", "website", "checkout", "payment", "condition", "attribute", "expect", "ease"],
        ),
        IndicatorNode::new(
            "augmented",
            Label::new("augmented product: sales service and guarantees", "延伸产品(销售服务与保障)", "延伸產品(銷售服務與保障)"),
            &["service", "delivery", "shipping", "return", "refund", "warrant", "guarantee", "support"],
        ),
        IndicatorNode::new(
            "potential",
            Label::new("potential product: future prospects", "潜在产品(可能发展的前景)", "潛在產品(可能發展的前景)"),
            &["potential", "future", "innovat", "prospect", "upgrade"],
        ),
    ];
    root
}

/// ACSI-style index of item means on one common scale:
/// (Σ w·x̄ − Σ w·min) / ((max − min)·Σ w) · 100. `None` when the inputs are empty, of unequal
/// length, Σ w ≤ 0 or max ≤ min.
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::survey::index::acsi_index;
/// // 1-10 items with means 8 and 6.5, weights 0.6 and 0.4:
/// // (0.6·8 + 0.4·6.5 − 1) / (9·1) · 100 = (7.4 − 1) / 9 · 100 = 71.111...
/// let x = acsi_index(&[8.0, 6.5], &[0.6, 0.4], 1.0, 10.0).unwrap();
/// assert!((x - 71.111_111).abs() < 1e-5);
/// ```
pub fn acsi_index(means: &[f64], weights: &[f64], min: f64, max: f64) -> Option<f64> {
    let sw: f64 = weights.iter().sum();
    if means.is_empty() || means.len() != weights.len() || sw <= 0.0 || max <= min || !sw.is_finite() {
        return None;
    }
    let swx: f64 = means.iter().zip(weights).map(|(x, w)| x * w).sum();
    Some((swx - sw * min) / ((max - min) * sw) * 100.0)
}

/// Score of one item in the index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexItem {
    /// Item name.
    pub item: String,
    /// Mean answer on the item's own scale, with n and interval.
    pub mean: MeanScore,
    /// Lower end of the item's scale.
    pub scale_min: f64,
    /// Upper end of the item's scale.
    pub scale_max: f64,
    /// (mean − min) / (max − min) · 100.
    pub score: f64,
    /// Weight before normalising (given, 1, or max(r, 0)).
    pub raw_weight: f64,
    /// Weight normalised among its scored siblings.
    pub weight: f64,
    /// Product of normalised weights from the root.
    pub global_weight: f64,
    /// global_weight × score (index points).
    pub contribution: f64,
    /// global_weight × (100 − score) (index points).
    pub points_lost: f64,
    /// Correlation with the outcome, when computable.
    pub correlation: Option<Correlation>,
}

/// Score of one indicator node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexNode {
    /// Node id from the tree.
    pub id: String,
    /// Name in English and Chinese.
    pub label: Label,
    /// 1 = overall, 2 = its children, ...
    pub level: usize,
    /// 0-100; `None` when no item below it has data.
    pub score: Option<f64>,
    /// Weight before normalising (given, 1, or max(r, 0)).
    pub raw_weight: f64,
    /// Weight normalised among its scored siblings (0 when unscored).
    pub weight: f64,
    /// Product of normalised weights from the root.
    pub global_weight: f64,
    /// global_weight × score (index points).
    pub contribution: f64,
    /// global_weight × (100 − score) (index points).
    pub points_lost: f64,
    /// Correlation of the respondents' node scores with the outcome.
    pub correlation: Option<Correlation>,
    /// Scored child nodes.
    pub children: Vec<IndexNode>,
    /// Items placed directly under this node.
    pub items: Vec<IndexItem>,
}

/// An item ranked among the weakest links.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakLink {
    /// Item name.
    pub item: String,
    /// Id of the node the item hangs under.
    pub node: String,
    /// Item score, 0-100.
    pub score: f64,
    /// Index points lost (global weight × (100 − score)).
    pub points_lost: f64,
}

/// The satisfaction index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexReport {
    /// 0-100.
    pub index: f64,
    /// Respondents with at least one usable item answer.
    pub n: usize,
    /// The method actually used (a derived request without an outcome falls back to `Given`).
    pub weights: WeightMethod,
    /// The scored tree (root = level 1).
    pub tree: IndexNode,
    /// Items by points lost, largest first (ties by name).
    pub weakest_links: Vec<WeakLink>,
}

struct Ctx<'a> {
    data: &'a SurveyData,
    opts: &'a SurveyOptions,
    method: WeightMethod,
    /// node id -> usable item columns under it (direct).
    placed: BTreeMap<String, Vec<&'a Column>>,
    min_n: usize,
    notes: crate::messages::Notes,
}

/// Computes the index.
pub(crate) fn analyze(data: &SurveyData, opts: &SurveyOptions) -> Section<IndexReport> {
    let min_n = opts.min_answers.max(2);
    let mut notes = crate::messages::Notes::new();
    let mut method = opts.weights;
    if method == WeightMethod::Correlation && data.outcome.is_none() {
        notes.push(crate::messages::Note::GivenWeights);
        method = WeightMethod::Given;
    }
    // Place items.
    let mut tree = opts.tree.clone();
    let mut placed: BTreeMap<String, Vec<&Column>> = BTreeMap::new();
    let mut other = Vec::new();
    for (item, col) in &data.performance {
        let n = col.values.iter().flatten().count();
        if n < min_n {
            notes.push(crate::messages::Note::ItemLeftOut { item: item.to_string(), n, min: min_n, what: crate::messages::Answers::Any });
            continue;
        }
        let by_option = opts.item_leaf.get(item).filter(|id| {
            let ok = tree.find(id);
            if !ok {
                notes.push(crate::messages::Note::NodeNotInTree { item: item.to_string(), node: id.to_string() });
            }
            ok
        });
        match by_option.cloned().or_else(|| tree.keyword_node(item).map(str::to_string)) {
            Some(id) => placed.entry(id).or_default().push(col),
            None => other.push((item.clone(), col)),
        }
    }
    if !other.is_empty() {
        let names: Vec<&str> = other.iter().map(|o| o.0.as_str()).collect();
        notes.push(crate::messages::Note::UnplacedItems { items: names.iter().map(|n| n.to_string()).collect() });
        let id = if tree.find("other") { "other_items".to_string() } else { "other".to_string() };
        tree.children.push(IndicatorNode::new(&id, Label::new("other items", "其他", "其他"), &[]));
        placed.insert(id, other.into_iter().map(|o| o.1).collect());
    }
    if placed.is_empty() {
        let mut s = Section::none(crate::messages::Note::NoPerformanceItem { min: min_n });
        s.notes.extend(notes);
        return s;
    }
    let mut ctx = Ctx { data, opts, method, placed, min_n, notes };
    let mut root = ctx.score(&tree, 1);
    let Some(index) = root.score else {
        let mut s = Section::none(crate::messages::Note::NoItemScore);
        s.notes.extend(ctx.notes);
        return s;
    };
    root.raw_weight = 1.0;
    root.weight = 1.0;
    set_global(&mut root, 1.0);
    let mut weakest_links = Vec::new();
    collect_links(&root, &mut weakest_links);
    crate::fast::sort_stable(&mut weakest_links, |a, b| b.points_lost.total_cmp(&a.points_lost).then_with(|| a.item.cmp(&b.item)));
    let all: Vec<&Column> = ctx.placed.values().flatten().copied().collect();
    let n = respondent_means(data.n, &all).iter().flatten().count();
    Section { value: Some(IndexReport { index, n, weights: method, tree: root, weakest_links }), notes: ctx.notes }
}

impl Ctx<'_> {
    fn items_below(&self, node: &IndicatorNode) -> Vec<&Column> {
        let mut v: Vec<&Column> = self.placed.get(&node.id).cloned().unwrap_or_default();
        for c in &node.children {
            v.extend(self.items_below(c));
        }
        v
    }

    fn score(&mut self, node: &IndicatorNode, level: usize) -> IndexNode {
        let mut children: Vec<IndexNode> = node.children.iter().map(|c| self.score(c, level + 1)).collect();
        let mut items: Vec<IndexItem> = Vec::new();
        for col in self.placed.get(&node.id).cloned().unwrap_or_default() {
            let present = col.present();
            if present.len() < self.min_n {
                continue;
            }
            let Some(mean) = MeanScore::of(&present) else { continue };
            let score = super::rescale(mean.mean, col.min, col.max);
            let raw_weight = match self.method {
                WeightMethod::Given => self.opts.item_weights.get(&col.key.clone()).copied().unwrap_or(1.0),
                _ => 1.0,
            };
            items.push(IndexItem {
                item: col.key.clone(),
                mean,
                scale_min: col.min,
                scale_max: col.max,
                score,
                raw_weight,
                weight: 0.0,
                global_weight: 0.0,
                contribution: 0.0,
                points_lost: 0.0,
                correlation: self.data.corr_with_outcome(&col.values),
            });
        }
        for c in &mut children {
            c.raw_weight = if self.method == WeightMethod::Given { node_weight(node, &c.id) } else { 1.0 };
            let cols = self.items_below(node.children.iter().find(|n| n.id == c.id).expect("child exists"));
            c.correlation = self.data.corr_with_outcome(&respondent_means(self.data.n, &cols));
        }
        if self.method == WeightMethod::Correlation {
            let positive = |r: Option<Correlation>| r.map(|c| c.r.max(0.0)).unwrap_or(0.0);
            let any = children.iter().filter(|c| c.score.is_some()).any(|c| positive(c.correlation) > 0.0) || items.iter().any(|i| positive(i.correlation) > 0.0);
            if any {
                children.iter_mut().for_each(|c| c.raw_weight = positive(c.correlation));
                items.iter_mut().for_each(|i| i.raw_weight = positive(i.correlation));
            } else if children.iter().filter(|c| c.score.is_some()).count() + items.len() > 1 {
                self.notes.push(crate::messages::Note::NoPositiveCorrelation { node: node.id.to_string() });
            }
        }
        let mut invalid = false;
        for w in children.iter_mut().map(|c| &mut c.raw_weight).chain(items.iter_mut().map(|i| &mut i.raw_weight)) {
            if !w.is_finite() || *w < 0.0 {
                *w = 0.0;
                invalid = true;
            }
        }
        if invalid {
            self.notes.push(crate::messages::Note::NegativeWeights { node: node.id.to_string() });
        }
        let sw: f64 = children.iter().filter(|c| c.score.is_some()).map(|c| c.raw_weight).sum::<f64>() + items.iter().map(|i| i.raw_weight).sum::<f64>();
        let scored = children.iter().filter(|c| c.score.is_some()).count() + items.len();
        let score = if scored == 0 {
            None
        } else if sw > 0.0 {
            for c in children.iter_mut().filter(|c| c.score.is_some()) {
                c.weight = c.raw_weight / sw;
            }
            for i in &mut items {
                i.weight = i.raw_weight / sw;
            }
            Some(children.iter().map(|c| c.weight * c.score.unwrap_or(0.0)).sum::<f64>() + items.iter().map(|i| i.weight * i.score).sum::<f64>())
        } else {
            self.notes.push(crate::messages::Note::ZeroWeights { node: node.id.to_string() });
            let w = 1.0 / scored as f64;
            for c in children.iter_mut().filter(|c| c.score.is_some()) {
                c.weight = w;
            }
            for i in &mut items {
                i.weight = w;
            }
            Some(children.iter().map(|c| c.weight * c.score.unwrap_or(0.0)).sum::<f64>() + items.iter().map(|i| i.weight * i.score).sum::<f64>())
        };
        IndexNode {
            id: node.id.clone(),
            label: node.label.clone(),
            level,
            score,
            raw_weight: 0.0,
            weight: 0.0,
            global_weight: 0.0,
            contribution: 0.0,
            points_lost: 0.0,
            correlation: None,
            children,
            items,
        }
    }
}

fn node_weight(parent: &IndicatorNode, id: &str) -> f64 {
    parent.children.iter().find(|c| c.id == id).map(|c| c.weight).unwrap_or(1.0)
}

fn set_global(node: &mut IndexNode, g: f64) {
    node.global_weight = g;
    if let Some(s) = node.score {
        node.contribution = g * s;
        node.points_lost = g * (100.0 - s);
    }
    for c in &mut node.children {
        set_global(c, g * c.weight);
    }
    for i in &mut node.items {
        i.global_weight = g * i.weight;
        i.contribution = i.global_weight * i.score;
        i.points_lost = i.global_weight * (100.0 - i.score);
    }
}

fn collect_links(node: &IndexNode, out: &mut Vec<WeakLink>) {
    for i in &node.items {
        out.push(WeakLink { item: i.item.clone(), node: node.id.clone(), score: i.score, points_lost: i.points_lost });
    }
    for c in &node.children {
        collect_links(c, out);
    }
}
