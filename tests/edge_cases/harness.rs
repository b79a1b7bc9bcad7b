//! Reading the edge-case data and building each input exactly as NumPy saw it.
#![allow(dead_code)]

use std::fmt::Debug;

use ndarray::prelude::*;
use ndarray::Slice;
use serde_json::Value;

use crate::support::repo_root;

/// One family's cases (one JSON file).
pub struct Family {
    /// The file's name, e.g. `convolution`.
    pub name: String,
    /// Every case, in file order.
    pub cases: Vec<Case>,
}

/// One case: a function, its arguments, and NumPy's answer.
pub struct Case {
    /// Unique name, e.g. `correlate2d/even-kernel/same`.
    pub id: String,
    /// The Rust function, as a path inside `chapters_code` (or `ndarray::…`,
    /// `ndarray_stats::…` for a function of those crates that one of the
    /// book's tables or notes compares with NumPy).
    pub function: String,
    /// The arguments, as encoded by `python/edge_cases.py`.
    pub args: Value,
    /// NumPy's answer: `Ok(value)` or `Err((exception type, message))`.
    pub expect: Result<Value, (String, String)>,
    /// The whole case, for messages.
    pub raw: Value,
}

impl Family {
    /// Reads `python/outputs/edge-cases/<name>.json` and checks its header: the NumPy and
    /// SciPy versions pinned in `python/requirements.txt`.
    pub fn load(name: &str) -> Family {
        let path = repo_root()
            .join("python/outputs/edge-cases")
            .join(format!("{name}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let requirements = std::fs::read_to_string(
            repo_root().join("python/requirements.txt"),
        )
        .expect("python/requirements.txt");
        for package in ["numpy", "scipy"] {
            let version = json[package].as_str().unwrap_or("missing");
            assert!(
                requirements.contains(&format!("{package}=={version}")),
                "{name}.json was written with {package} {version}, \
                 not the version python/requirements.txt pins"
            );
        }
        let cases = json["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}.json has no cases"))
            .iter()
            .map(|raw| {
                let expect = if let Some(ok) = raw["expect"].get("ok") {
                    Ok(ok.clone())
                } else {
                    let error = &raw["expect"]["error"];
                    Err((
                        error["type"].as_str().unwrap_or("").to_string(),
                        error["message"].as_str().unwrap_or("").to_string(),
                    ))
                };
                Case {
                    id: raw["id"].as_str().expect("id").to_string(),
                    function: raw["function"]
                        .as_str()
                        .expect("function")
                        .to_string(),
                    args: raw["args"].clone(),
                    expect,
                    raw: raw.clone(),
                }
            })
            .collect();
        Family {
            name: name.to_string(),
            cases,
        }
    }

    /// Runs `check` on every case and fails with every case it reports (an `Err` with the
    /// reason), except the ids listed in `known`: differences the chapter's editor has not
    /// fixed yet. A listed id that now passes is an error too, so the list only shrinks.
    pub fn check(
        &self,
        known: &[&str],
        mut check: impl FnMut(&Case) -> Result<(), String>,
    ) {
        assert!(!self.cases.is_empty(), "{}: no cases", self.name);
        let mut problems = Vec::new();
        for case in &self.cases {
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    check(case)
                }))
                .unwrap_or_else(|panic| {
                    Err(format!("panicked: {}", panic_text(&panic)))
                });
            let listed = known.contains(&case.id.as_str());
            match (outcome, listed) {
                (Ok(()), false) | (Err(_), true) => {}
                (Ok(()), true) => problems.push(format!(
                    "{}: passes now; remove it from the known differences",
                    case.id
                )),
                (Err(why), false) => problems.push(format!(
                    "{} ({}): {why}\n    NumPy: {}",
                    case.id,
                    case.function,
                    case.raw["numpy"].as_str().unwrap_or("?")
                )),
            }
        }
        for id in known {
            assert!(
                self.cases.iter().any(|c| c.id == *id),
                "{}: known difference {id} is not a case",
                self.name
            );
        }
        assert!(
            problems.is_empty(),
            "{}: {} of {} cases differ from NumPy/SciPy:\n{}",
            self.name,
            problems.len(),
            self.cases.len(),
            problems.join("\n")
        );
    }

    /// Asserts that every function in `functions` has at least one case (the sweep covers
    /// every public function).
    pub fn covers(&self, functions: &[&str]) {
        for f in functions {
            assert!(
                self.cases.iter().any(|c| c.function == *f),
                "{}: no case for {f}",
                self.name
            );
        }
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".into())
}

/// An element type of the data.
pub trait Elem: Clone + Copy + Debug + PartialEq + 'static {
    /// Reads one value of the encoding.
    fn parse(v: &Value) -> Self;
    /// The value stored between the elements of a `step2` view.
    fn sentinel() -> Self;
    /// Equal as NumPy's answer and ours must be: bitwise for floats (NaN equals NaN,
    /// -0.0 differs from 0.0).
    fn same(self, other: Self) -> bool {
        self == other
    }
    /// The value as a float, for comparisons within a tolerance.
    fn to_f64(self) -> f64;
}

impl Elem for f64 {
    fn parse(v: &Value) -> f64 {
        match v {
            Value::String(s) => {
                s.parse().unwrap_or_else(|_| panic!("float {s:?}"))
            }
            Value::Number(n) => n.as_f64().expect("float"),
            other => panic!("not a float: {other}"),
        }
    }
    fn sentinel() -> f64 {
        777.0
    }
    fn same(self, other: f64) -> bool {
        self.to_bits() == other.to_bits() || (self.is_nan() && other.is_nan())
    }
    fn to_f64(self) -> f64 {
        self
    }
}

impl Elem for f32 {
    /// The data writes a float32 as the float64 of the same value, so the
    /// conversion back is exact.
    fn parse(v: &Value) -> f32 {
        let wide = f64::parse(v);
        let narrow = wide as f32;
        assert!(
            f64::from(narrow).to_bits() == wide.to_bits() || wide.is_nan(),
            "not a float32: {v}"
        );
        narrow
    }
    fn sentinel() -> f32 {
        777.0
    }
    fn same(self, other: f32) -> bool {
        self.to_bits() == other.to_bits() || (self.is_nan() && other.is_nan())
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Elem for i64 {
    fn parse(v: &Value) -> i64 {
        v.as_i64().unwrap_or_else(|| panic!("not an i64: {v}"))
    }
    fn sentinel() -> i64 {
        777
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
}

impl Elem for u8 {
    fn parse(v: &Value) -> u8 {
        v.as_u64()
            .and_then(|n| u8::try_from(n).ok())
            .unwrap_or_else(|| panic!("not a u8: {v}"))
    }
    fn sentinel() -> u8 {
        77
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Elem for usize {
    fn parse(v: &Value) -> usize {
        v.as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or_else(|| panic!("not a usize: {v}"))
    }
    fn sentinel() -> usize {
        777
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
}

/// A float of the encoding (a string such as `"nan"` or `"-0.0"`).
pub fn float(v: &Value) -> f64 {
    f64::parse(v)
}

/// An input array as NumPy saw it: the storage the view is taken from, and how to view it.
pub struct Input<T> {
    storage: ArrayD<T>,
    layout: String,
    logical: ArrayD<T>,
}

impl<T: Elem> Input<T> {
    /// Decodes `{dtype, shape, layout, data}`.
    pub fn decode(spec: &Value) -> Input<T> {
        let shape: Vec<usize> = spec["shape"]
            .as_array()
            .expect("shape")
            .iter()
            .map(usize::parse)
            .collect();
        let data: Vec<T> = spec["data"]
            .as_array()
            .expect("data")
            .iter()
            .map(T::parse)
            .collect();
        let logical = ArrayD::from_shape_vec(IxDyn(&shape), data)
            .expect("the data fills the shape");
        let layout = spec["layout"].as_str().unwrap_or("c").to_string();
        let ndim = shape.len();
        let storage = match layout.as_str() {
            "c" => logical.clone(),
            "f" => logical.t().as_standard_layout().into_owned(),
            "neg_rows" | "neg_cols" | "neg_both" | "neg" => {
                flipped(logical.view(), &reversed(&layout, ndim))
                    .as_standard_layout()
                    .into_owned()
            }
            "step2" => {
                let mut wide_shape = shape.clone();
                let last = ndim - 1;
                wide_shape[last] *= 2;
                let mut wide =
                    ArrayD::from_elem(IxDyn(&wide_shape), T::sentinel());
                let mut v = wide.view_mut();
                v.slice_axis_inplace(Axis(last), Slice::new(0, None, 2));
                v.assign(&logical);
                wide
            }
            other => panic!("unknown layout {other}"),
        };
        let input = Input {
            storage,
            layout,
            logical,
        };
        // A builder bug must not pass for a library bug: the view holds the logical values
        // (compared with `Elem::same`, so that NaN equals NaN).
        let view = input.view();
        assert!(
            view.shape() == input.logical.shape()
                && view
                    .iter()
                    .zip(input.logical.iter())
                    .all(|(a, b)| a.same(*b)),
            "layout {}",
            input.layout
        );
        input
    }

    /// The view NumPy computed on.
    pub fn view(&self) -> ArrayViewD<'_, T> {
        let ndim = self.storage.ndim();
        match self.layout.as_str() {
            "c" => self.storage.view(),
            "f" => self.storage.t(),
            "neg_rows" | "neg_cols" | "neg_both" | "neg" => {
                flipped(self.storage.view(), &reversed(&self.layout, ndim))
            }
            "step2" => {
                let mut v = self.storage.view();
                v.slice_axis_inplace(Axis(ndim - 1), Slice::new(0, None, 2));
                v
            }
            other => panic!("unknown layout {other}"),
        }
    }

    /// The view, as a 2-D array.
    pub fn view2(&self) -> ArrayView2<'_, T> {
        self.view().into_dimensionality().expect("a 2-D input")
    }

    /// The view, as a 1-D array.
    pub fn view1(&self) -> ArrayView1<'_, T> {
        self.view().into_dimensionality().expect("a 1-D input")
    }

    /// An owned 2-D array laid out like the view (column-major for `f`, inverted axes for
    /// `neg_*`), for functions that take ownership.
    pub fn owned2(&self) -> Array2<T> {
        let ndim = self.storage.ndim();
        let owned: Array2<T> = match self.layout.as_str() {
            "f" => self
                .logical
                .t()
                .as_standard_layout()
                .into_owned()
                .into_dimensionality::<Ix2>()
                .expect("2-D")
                .reversed_axes(),
            "neg_rows" | "neg_cols" | "neg_both" => {
                let mut a = self
                    .storage
                    .clone()
                    .into_dimensionality::<Ix2>()
                    .expect("2-D");
                for axis in reversed(&self.layout, ndim) {
                    a.invert_axis(Axis(axis));
                }
                a
            }
            _ => self.logical.clone().into_dimensionality().expect("2-D"),
        };
        assert_eq!(owned.view().into_dyn(), self.logical.view());
        owned
    }

    /// The logical values, in standard layout.
    pub fn logical(&self) -> &ArrayD<T> {
        &self.logical
    }
}

fn reversed(layout: &str, ndim: usize) -> Vec<usize> {
    match layout {
        "neg_rows" | "neg" => vec![0],
        "neg_cols" => vec![1],
        "neg_both" => (0..ndim).collect(),
        _ => vec![],
    }
}

fn flipped<'a, T>(v: ArrayViewD<'a, T>, axes: &[usize]) -> ArrayViewD<'a, T> {
    let mut v = v;
    for &axis in axes {
        v.slice_axis_inplace(Axis(axis), Slice::new(0, None, -1));
    }
    v
}

/// Compares an answer with NumPy's array (`{shape, data}`), element by element with
/// [`Elem::same`]; the reason names the first difference.
pub fn same_array<T: Elem, D: Dimension>(
    got: &ArrayBase<impl ndarray::Data<Elem = T>, D>,
    want: &Value,
) -> Result<(), String> {
    compare(got, want, |g, w| g.same(w))
}

/// Like [`same_array`] for floats, or within `tolerance` relative to the larger magnitude
/// (sums in another order round differently); a tolerance of 0 is [`same_array`].
pub fn close_array<D: Dimension>(
    got: &ArrayBase<impl ndarray::Data<Elem = f64>, D>,
    want: &Value,
    tolerance: f64,
) -> Result<(), String> {
    compare(got, want, |g, w| {
        g.same(w)
            || (tolerance > 0.0
                && (g - w).abs() <= tolerance * g.abs().max(w.abs()))
    })
}

/// The shape and then every element of `got` against NumPy's `want`, with `equal`.
pub fn compare<T: Elem, D: Dimension>(
    got: &ArrayBase<impl ndarray::Data<Elem = T>, D>,
    want: &Value,
    equal: impl Fn(T, T) -> bool,
) -> Result<(), String> {
    let want = Input::<T>::decode(want);
    let want = want.logical();
    if got.shape() != want.shape() {
        return Err(format!(
            "shape {:?}, NumPy {:?}",
            got.shape(),
            want.shape()
        ));
    }
    for (i, (g, w)) in got.iter().zip(want.iter()).enumerate() {
        if !equal(*g, *w) {
            return Err(format!("element {i}: {g:?}, NumPy {w:?}"));
        }
    }
    Ok(())
}

/// A shape as NumPy's JSON writes it: a list of sizes.
pub fn sizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .expect("a shape")
        .iter()
        .map(|n| n.as_u64().expect("a size") as usize)
        .collect()
}

/// The case expects NumPy to raise: says so when our function returned a value instead.
pub fn expect_error<T: Debug>(case: &Case, got: &T) -> Result<(), String> {
    match &case.expect {
        Err((kind, message)) => {
            Err(format!("returned {got:?}; NumPy raised {kind}: {message}"))
        }
        Ok(_) => Ok(()),
    }
}

#[test]
fn the_comparisons_catch_one_difference_and_let_nan_equal_nan() {
    let want = serde_json::json!({
        "dtype": "f64", "shape": [2, 2], "layout": "c",
        "data": [1.0, "nan", -0.0, 4.0]
    });
    let same = ndarray::array![[1.0, f64::NAN], [-0.0, 4.0]];
    assert_eq!(same_array(&same, &want), Ok(()));
    let plus_zero = ndarray::array![[1.0, f64::NAN], [0.0, 4.0]];
    assert!(same_array(&plus_zero, &want).is_err(), "-0.0 is not 0.0");
    let off = ndarray::array![[1.0, f64::NAN], [-0.0, 4.0 + 1e-15]];
    assert!(same_array(&off, &want).is_err());
    assert!(close_array(&off, &want, 0.0).is_err());
    assert_eq!(close_array(&off, &want, 1e-14), Ok(()));
    let wide = ndarray::array![[1.0, f64::NAN, 0.0], [-0.0, 4.0, 0.0]];
    assert!(same_array(&wide, &want).is_err(), "another shape");
}
