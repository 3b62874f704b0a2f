//! Kano classification of features from functional / dysfunctional answer pairs.
//!
//! Source: Berger, Blauth, Boger et al. (1993), "Kano's methods for understanding
//! customer-defined quality", Center for Quality of Management Journal 2(4): the evaluation
//! table, the customer satisfaction coefficients Better / Worse (Timko's section) and the
//! continuous functional / dysfunctional scores (DuMouchel's section). 《如何从顾客满意到顾客信任》 names the three
//! quality standards: basic (基本质量标准, M), performance (绩效质量标准, O) and
//! excitement / incentive (激励质量标准, A).
//!
//! Answers are coded 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike (see
//! [`crate::dataset::QuestionKind::KanoFunctional`]). A feature needs a `KanoFunctional` and a
//! `KanoDysfunctional` question with the same feature name; an optional `Importance` question
//! with that name is its self-stated importance.

use serde::{Deserialize, Serialize};

use super::{Label, Section, SurveyData, SurveyOptions};

/// One answer to a Kano question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KanoAnswer {
    /// 1: "I like it that way".
    Like,
    /// 2: "It must be that way" (I expect it).
    MustBe,
    /// 3: "I am neutral".
    Neutral,
    /// 4: "I can live with it that way".
    LiveWith,
    /// 5: "I dislike it that way".
    Dislike,
}

impl KanoAnswer {
    /// All five answers in code order 1..5.
    pub const ALL: [KanoAnswer; 5] = [KanoAnswer::Like, KanoAnswer::MustBe, KanoAnswer::Neutral, KanoAnswer::LiveWith, KanoAnswer::Dislike];

    /// The answer with code 1..5; `None` for anything else (including 2.5).
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::survey::kano::KanoAnswer;
    /// assert_eq!(KanoAnswer::from_code(5.0), Some(KanoAnswer::Dislike));
    /// assert_eq!(KanoAnswer::from_code(2.5), None);
    /// ```
    pub fn from_code(code: f64) -> Option<KanoAnswer> {
        if code.fract() != 0.0 || !(1.0..=5.0).contains(&code) {
            return None;
        }
        Some(KanoAnswer::ALL[code as usize - 1])
    }

    /// Continuous functional score (DuMouchel in Berger et al. 1993): like 4, must-be 2,
    /// neutral 0, live-with -1, dislike -2.
    pub fn functional_score(self) -> f64 {
        [4.0, 2.0, 0.0, -1.0, -2.0][self as usize]
    }

    /// Continuous dysfunctional score: like -2, must-be -1, neutral 0, live-with 2, dislike 4.
    pub fn dysfunctional_score(self) -> f64 {
        [-2.0, -1.0, 0.0, 2.0, 4.0][self as usize]
    }
}

/// A Kano class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KanoClass {
    /// A, attractive: excitement quality (《如何从顾客满意到顾客信任》: 激励质量).
    Attractive,
    /// O, one-dimensional: performance quality (《如何从顾客满意到顾客信任》: 绩效质量).
    OneDimensional,
    /// M, must-be: basic quality (《如何从顾客满意到顾客信任》: 基本质量).
    MustBe,
    /// I, indifferent.
    Indifferent,
    /// R, reverse: the respondent wants the opposite.
    Reverse,
    /// Q, questionable: contradictory answer pair.
    Questionable,
}

impl KanoClass {
    /// All classes in the order A, O, M, I, R, Q.
    pub const ALL: [KanoClass; 6] = [KanoClass::Attractive, KanoClass::OneDimensional, KanoClass::MustBe, KanoClass::Indifferent, KanoClass::Reverse, KanoClass::Questionable];

    /// One-letter code: A, O, M, I, R or Q.
    pub fn code(self) -> char {
        ['A', 'O', 'M', 'I', 'R', 'Q'][self as usize]
    }

    /// Name in English and Chinese; A, O and M use the three quality standards of 《如何从顾客满意到顾客信任》.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::survey::KanoClass;
    /// assert_eq!(KanoClass::MustBe.label().zh_hans, "基本质量");
    /// assert_eq!(KanoClass::OneDimensional.label().zh_hant, "績效質量");
    /// ```
    pub fn label(self) -> Label {
        match self {
            KanoClass::Attractive => Label::new("excitement quality (attractive)", "激励质量", "激勵質量"),
            KanoClass::OneDimensional => Label::new("performance quality (one-dimensional)", "绩效质量", "績效質量"),
            KanoClass::MustBe => Label::new("basic quality (must-be)", "基本质量", "基本質量"),
            KanoClass::Indifferent => Label::new("indifferent", "无差异质量", "無差異質量"),
            KanoClass::Reverse => Label::new("reverse", "反向质量", "反向質量"),
            KanoClass::Questionable => Label::new("questionable", "可疑结果", "可疑結果"),
        }
    }
}

/// The Kano evaluation table (Berger et al. 1993): row = functional answer, column =
/// dysfunctional answer.
///
/// ```text
///              Like Must-be Neutral Live-with Dislike
/// Like          Q     A       A        A        O
/// Must-be       R     I       I        I        M
/// Neutral       R     I       I        I        M
/// Live-with     R     I       I        I        M
/// Dislike       R     R       R        R        Q
/// ```
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::survey::kano::{evaluate, KanoAnswer::*};
/// use loyalty_scorecard::metrics::satisfaction::survey::KanoClass;
/// assert_eq!(evaluate(Like, Dislike), KanoClass::OneDimensional);
/// assert_eq!(evaluate(Neutral, Dislike), KanoClass::MustBe);
/// assert_eq!(evaluate(Like, Neutral), KanoClass::Attractive);
/// ```
pub fn evaluate(functional: KanoAnswer, dysfunctional: KanoAnswer) -> KanoClass {
    use KanoAnswer::{Dislike, Like};
    match (functional, dysfunctional) {
        (Like, Like) | (Dislike, Dislike) => KanoClass::Questionable,
        (Like, Dislike) => KanoClass::OneDimensional,
        (Like, _) => KanoClass::Attractive,
        (Dislike, _) | (_, Like) => KanoClass::Reverse,
        (_, Dislike) => KanoClass::MustBe,
        _ => KanoClass::Indifferent,
    }
}

/// How many respondents fell in each class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct KanoCounts {
    /// Attractive (A).
    pub a: usize,
    /// One-dimensional (O).
    pub o: usize,
    /// Must-be (M).
    pub m: usize,
    /// Indifferent (I).
    pub i: usize,
    /// Reverse (R).
    pub r: usize,
    /// Questionable (Q).
    pub q: usize,
}

impl KanoCounts {
    /// Adds one classified pair.
    pub fn add(&mut self, class: KanoClass) {
        *self.slot(class) += 1;
    }

    fn slot(&mut self, class: KanoClass) -> &mut usize {
        match class {
            KanoClass::Attractive => &mut self.a,
            KanoClass::OneDimensional => &mut self.o,
            KanoClass::MustBe => &mut self.m,
            KanoClass::Indifferent => &mut self.i,
            KanoClass::Reverse => &mut self.r,
            KanoClass::Questionable => &mut self.q,
        }
    }

    /// Count of one class.
    pub fn get(&self, class: KanoClass) -> usize {
        [self.a, self.o, self.m, self.i, self.r, self.q][class as usize]
    }

    /// All pairs counted.
    pub fn total(&self) -> usize {
        self.a + self.o + self.m + self.i + self.r + self.q
    }

    /// Better (satisfaction coefficient) = (A + O) / (A + O + M + I), in [0, 1].
    /// `None` when A + O + M + I = 0 (only R and Q answers).
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::survey::kano::KanoCounts;
    /// let c = KanoCounts { a: 3, o: 1, m: 4, i: 2, r: 1, q: 0 };
    /// assert_eq!(c.better(), Some(0.4)); // (3 + 1) / 10
    /// assert_eq!(c.worse(), Some(-0.5)); // -(1 + 4) / 10
    /// assert_eq!(KanoCounts { r: 2, ..Default::default() }.better(), None);
    /// ```
    pub fn better(&self) -> Option<f64> {
        let d = self.a + self.o + self.m + self.i;
        (d > 0).then(|| (self.a + self.o) as f64 / d as f64)
    }

    /// Worse (dissatisfaction coefficient) = -(O + M) / (A + O + M + I), in [-1, 0].
    /// `None` when A + O + M + I = 0.
    pub fn worse(&self) -> Option<f64> {
        let d = self.a + self.o + self.m + self.i;
        (d > 0).then(|| -((self.o + self.m) as f64) / d as f64)
    }

    /// The most frequent class(es): all classes sharing the highest count, in the order
    /// A, O, M, I, R, Q. Empty when nothing was counted.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::survey::kano::KanoCounts;
    /// use loyalty_scorecard::metrics::satisfaction::survey::KanoClass;
    /// let c = KanoCounts { a: 2, m: 2, i: 1, ..Default::default() };
    /// assert_eq!(c.plurality(), vec![KanoClass::Attractive, KanoClass::MustBe]);
    /// ```
    pub fn plurality(&self) -> Vec<KanoClass> {
        let top = KanoClass::ALL.iter().map(|&c| self.get(c)).max().unwrap_or(0);
        if top == 0 {
            return Vec::new();
        }
        KanoClass::ALL.into_iter().filter(|&c| self.get(c) == top).collect()
    }
}

/// Counts of a list of (functional, dysfunctional) pairs.
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::survey::kano::{classify_pairs, KanoAnswer::*};
/// let c = classify_pairs(&[(Like, Dislike), (Like, Neutral), (Neutral, Dislike)]);
/// assert_eq!((c.a, c.o, c.m), (1, 1, 1));
/// ```
pub fn classify_pairs(pairs: &[(KanoAnswer, KanoAnswer)]) -> KanoCounts {
    let mut c = KanoCounts::default();
    for &(f, d) in pairs {
        c.add(evaluate(f, d));
    }
    c
}

/// Mean continuous scores of a feature (DuMouchel's graphical analysis in Berger et al. 1993).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContinuousKano {
    /// Mean functional score, in [-2, 4] (like 4, must-be 2, neutral 0, live-with -1, dislike -2).
    pub functional: f64,
    /// Mean dysfunctional score, in [-2, 4] (like -2, must-be -1, neutral 0, live-with 2, dislike 4).
    pub dysfunctional: f64,
    /// Mean self-stated importance (on its question's scale) when an `Importance` question with
    /// the feature's name exists; the two means are then weighted by each respondent's stated
    /// importance, over respondents who answered all three.
    pub importance: Option<f64>,
    /// Pairs used.
    pub n: usize,
    /// Indicative class from the point's position, split at 2 (the middle of the 0..4 range):
    /// functional ≥ 2 and dysfunctional ≥ 2 -> O; functional ≥ 2 -> A; dysfunctional ≥ 2 -> M;
    /// both < 0 -> R; otherwise I. The paper gives no thresholds; read this as a guide only.
    pub position_class: KanoClass,
}

/// Mean continuous scores of `(functional, dysfunctional, importance weight)` triples; `None`
/// when empty or when every weight is 0.
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::survey::kano::{continuous, KanoAnswer::*};
/// use loyalty_scorecard::metrics::satisfaction::survey::KanoClass;
/// // (Like, Dislike) scores (4, 4); (Must-be, Neutral) scores (2, 0): means (3, 2) -> O.
/// let c = continuous(&[(Like, Dislike, 1.0), (MustBe, Neutral, 1.0)]).unwrap();
/// assert_eq!((c.functional, c.dysfunctional, c.position_class), (3.0, 2.0, KanoClass::OneDimensional));
/// ```
pub fn continuous(triples: &[(KanoAnswer, KanoAnswer, f64)]) -> Option<ContinuousKano> {
    let w: f64 = triples.iter().map(|t| t.2).sum();
    if triples.is_empty() || w <= 0.0 || !w.is_finite() {
        return None;
    }
    let functional = triples.iter().map(|t| t.2 * t.0.functional_score()).sum::<f64>() / w;
    let dysfunctional = triples.iter().map(|t| t.2 * t.1.dysfunctional_score()).sum::<f64>() / w;
    let position_class = match (functional >= 2.0, dysfunctional >= 2.0) {
        (true, true) => KanoClass::OneDimensional,
        (true, false) => KanoClass::Attractive,
        (false, true) => KanoClass::MustBe,
        _ if functional < 0.0 && dysfunctional < 0.0 => KanoClass::Reverse,
        _ => KanoClass::Indifferent,
    };
    Some(ContinuousKano { functional, dysfunctional, importance: None, n: triples.len(), position_class })
}

/// Result for one feature.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KanoFeature {
    /// Feature name.
    pub feature: String,
    /// Respondents with a usable answer pair.
    pub n: usize,
    /// Respondents per class.
    pub counts: KanoCounts,
    /// Plurality class(es); more than one when tied.
    pub category: Vec<KanoClass>,
    /// True when `category` has more than one class.
    pub tied: bool,
    /// Labels of `category`, same order.
    pub category_labels: Vec<Label>,
    /// (A+O)/(A+O+M+I); `None` when only R/Q answers.
    pub better: Option<f64>,
    /// -(O+M)/(A+O+M+I); `None` when only R/Q answers.
    pub worse: Option<f64>,
    /// Continuous scores; `None` when no usable weights.
    pub continuous: Option<ContinuousKano>,
}

/// Kano results for every feature with both questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KanoReport {
    /// Every feature with both questions and enough answer pairs, by name.
    pub features: Vec<KanoFeature>,
    /// Code, name and labels of the six classes, for the legend.
    pub legend: Vec<(char, KanoClass, Label)>,
}

/// Classifies every feature of the survey.
pub(crate) fn analyze(data: &SurveyData, opts: &SurveyOptions) -> Section<KanoReport> {
    let mut notes = crate::messages::Notes::new();
    let min_n = opts.min_answers.max(2);
    let mut features = Vec::new();
    for (name, fcol) in &data.kano_functional {
        let Some(dcol) = data.kano_dysfunctional.get(name) else {
            notes.push(crate::messages::Note::KanoNoQuestion { feature: name.to_string(), functional: false });
            continue;
        };
        let imp = data.importance.get(name);
        let mut pairs = Vec::new();
        let mut weighted = Vec::new();
        let mut bad = 0;
        for r in 0..data.n {
            let (Some(f), Some(d)) = (fcol.values[r], dcol.values[r]) else {
                continue;
            };
            let (Some(f), Some(d)) = (KanoAnswer::from_code(f), KanoAnswer::from_code(d)) else {
                bad += 1;
                continue;
            };
            pairs.push((f, d));
            if let Some(w) = imp.and_then(|c| c.values[r]) {
                weighted.push((f, d, w));
            }
        }
        if bad > 0 {
            notes.push(crate::messages::Note::KanoBadPairs { feature: name.to_string(), bad });
        }
        if pairs.len() < min_n {
            notes.push(crate::messages::Note::KanoFewPairs { feature: name.to_string(), n: pairs.len(), min: min_n });
            continue;
        }
        let counts = classify_pairs(&pairs);
        let category = counts.plurality();
        let cont = match imp {
            Some(_) if !weighted.is_empty() => continuous(&weighted).map(|mut c| {
                let w: f64 = weighted.iter().map(|t| t.2).sum();
                c.importance = Some(w / weighted.len() as f64);
                c
            }),
            _ => continuous(&pairs.iter().map(|&(f, d)| (f, d, 1.0)).collect::<Vec<_>>()),
        };
        features.push(KanoFeature {
            feature: name.clone(),
            n: pairs.len(),
            counts,
            tied: category.len() > 1,
            category_labels: category.iter().map(|c| c.label()).collect(),
            category,
            better: counts.better(),
            worse: counts.worse(),
            continuous: cont,
        });
    }
    for name in data.kano_dysfunctional.keys().filter(|k| !data.kano_functional.contains_key(*k)) {
        notes.push(crate::messages::Note::KanoNoQuestion { feature: name.to_string(), functional: true });
    }
    if features.is_empty() {
        let mut s = Section::none(crate::messages::Note::KanoNoPair);
        s.notes.extend(notes);
        return s;
    }
    let legend = KanoClass::ALL.iter().map(|&c| (c.code(), c, c.label())).collect();
    Section { value: Some(KanoReport { features, legend }), notes }
}
