//! `broadcasting::broadcast_shapes`, `numpy_shape` and `checked_add` against
//! `np.broadcast_shapes`, the shapes in NumPy's broadcast error messages, and
//! `a + b`, for `i64`, `u8`, `f32` and `f64` in every layout.

use chapters_code::broadcasting::{
    broadcast_shapes, checked_add, numpy_shape, BroadcastError, NumpyAdd,
};

use crate::harness::{same_array, sizes, Case, Elem, Family, Input};

/// Cases that still differ from NumPy: none.
const KNOWN: &[&str] = &[];

/// Differences by design, asserted as they are (not skipped): NumPy limits
/// arrays to 64 axes (and `np.broadcast_shapes` to 32); ndarray's `IxDyn`
/// has no limit, so neither has `broadcast_shapes` (the chapter says so).
const MORE_AXES_THAN_NUMPY: &[&str] = &[
    "broadcast_shapes/22",
    "broadcast_shapes/23",
    "broadcast_shapes/24",
    "broadcast_shapes/25",
];

#[test]
fn broadcasting_matches_numpy() {
    let family = Family::load("broadcasting");
    family.covers(&[
        "broadcasting::broadcast_shapes",
        "broadcasting::numpy_shape",
        "broadcasting::checked_add",
    ]);
    family.check(KNOWN, |case| match case.function.as_str() {
        "broadcasting::broadcast_shapes" => check_shapes(case),
        "broadcasting::numpy_shape" => check_text(case),
        "broadcasting::checked_add" if case.args.get("zeros").is_some() => {
            match case.args["dtype"].as_str() {
                Some("u8") => check_add_empty::<u8>(case),
                Some("i16") => check_add_empty::<i16>(case),
                Some("f32") => check_add_empty::<f32>(case),
                Some("f64") => check_add_empty::<f64>(case),
                other => Err(format!("unknown dtype {other:?}")),
            }
        }
        "broadcasting::checked_add" => match case.args["a"]["dtype"].as_str() {
            Some("i64") => check_add::<i64>(case),
            Some("u8") => check_add::<u8>(case),
            Some("f32") => check_add::<f32>(case),
            Some("f64") => check_add::<f64>(case),
            other => Err(format!("unknown dtype {other:?}")),
        },
        other => Err(format!("no check for {other}")),
    });
}

fn check_shapes(case: &Case) -> Result<(), String> {
    let shapes: Vec<Vec<usize>> = case.args["shapes"]
        .as_array()
        .expect("shapes")
        .iter()
        .map(sizes)
        .collect();
    let borrowed: Vec<&[usize]> = shapes.iter().map(Vec::as_slice).collect();
    let got = broadcast_shapes(&borrowed);
    match (&case.expect, got) {
        (Ok(want), Ok(got)) if got == sizes(want) => Ok(()),
        (Ok(want), got) => Err(format!("{got:?}; NumPy {want}")),
        (Err(_), Ok(got)) if MORE_AXES_THAN_NUMPY.contains(&&*case.id) => {
            // The documented difference: the shape the rules give.
            let ndim = shapes.iter().map(Vec::len).max().unwrap_or(0);
            if got.len() == ndim && ndim > 32 {
                Ok(())
            } else {
                Err(format!("Ok({got:?}) for {ndim} axes"))
            }
        }
        (Err((_, message)), Ok(got)) => {
            Err(format!("Ok({got:?}); NumPy raised: {message}"))
        }
        (Err((_, message)), Err(e)) => match e {
            BroadcastError::Mismatch { .. } if message.contains("mismatch") => {
                Ok(())
            }
            BroadcastError::TooLarge { .. }
                if message.contains("too large")
                    || message.contains("Maximum allowed") =>
            {
                Ok(())
            }
            e => Err(format!("error {e:?}; NumPy raised: {message}")),
        },
    }
}

fn check_text(case: &Case) -> Result<(), String> {
    let shape = sizes(&case.args["shape"]);
    let got = numpy_shape(&shape);
    match &case.expect {
        Ok(want) if want.as_str() == Some(got.as_str()) => Ok(()),
        Ok(want) => Err(format!("{got}; NumPy {want}")),
        // A size above isize::MAX: no array has it, so NumPy never prints
        // it; numpy_shape formats any sizes (its documentation says so),
        // and broadcast_shapes refuses them first.
        Err(_) => {
            if broadcast_shapes(&[&shape]).is_err() {
                Ok(())
            } else {
                Err(format!("{got}: broadcast_shapes accepts the shape"))
            }
        }
    }
}

fn check_add<T: Elem + NumpyAdd>(case: &Case) -> Result<(), String> {
    // The views themselves (reversed, stepped, transposed as the case's layout
    // says), not copies: checked_add must read any layout.
    let (a, b) = (
        Input::<T>::decode(&case.args["a"]),
        Input::<T>::decode(&case.args["b"]),
    );
    let got = checked_add(&a.view(), &b.view());
    match (&case.expect, got) {
        (Ok(want), Ok(got)) => same_array(&got, want),
        (Ok(_), Err(e)) => Err(format!("error {e}; NumPy answered")),
        (Err((_, message)), Ok(got)) => {
            Err(format!("returned {got:?}; NumPy raised: {message}"))
        }
        (Err((_, message)), Err(e)) => {
            if message.contains("could not be broadcast") {
                Ok(())
            } else {
                Err(format!("error {e}; NumPy raised: {message}"))
            }
        }
    }
}

/// Differences by design, asserted as they are: for this empty `uint8` result
/// of shape `(0, 2**63 - 1)`, NumPy 2.4.6's iterator raises an internal error
/// ("inconsistent axis mapping"; one size less works), and `checked_add`
/// returns the empty array the rules give (its docs and the chapter say so).
const NUMPY_ITERATOR_ERROR: &[&str] = &["checked_add/empty-huge/11"];

/// `np.zeros(zeros, dtype) + np.broadcast_to(dtype(0), broadcast)`, where
/// the result is empty but its other sizes are huge: NumPy refuses a result
/// whose sizes other than 0 take more than `isize::MAX` bytes ("array is too
/// big"), so the answer depends on the element type, and one whose sizes,
/// multiplied from the left, pass `isize::MAX` before the 0 ("iterator is
/// too large", whatever the type). The inputs are shapes: the broadcast one
/// holds up to 2^62 elements, none of them stored.
fn check_add_empty<T: NumpyAdd + Default>(case: &Case) -> Result<(), String> {
    let zero = ndarray::arr0(T::default());
    let a = ndarray::ArrayD::<T>::from_elem(
        sizes(&case.args["zeros"]),
        T::default(),
    );
    let b = zero
        .broadcast(sizes(&case.args["broadcast"]))
        .ok_or("the broadcast shape does not take a zero-dimensional array")?;
    match (&case.expect, checked_add(&a, &b)) {
        (Ok(want), Ok(got)) if got.shape() == sizes(want) => Ok(()),
        (Err((_, message)), Ok(got))
            if NUMPY_ITERATOR_ERROR.contains(&case.id.as_str())
                && message.contains("inconsistent axis mapping") =>
        {
            let rules = broadcast_shapes(&[a.shape(), b.shape()]);
            match rules {
                Ok(shape) if got.shape() == shape => Ok(()),
                other => {
                    Err(format!("{:?}; the rules: {other:?}", got.shape()))
                }
            }
        }
        (Ok(want), got) => Err(format!(
            "{:?}; NumPy's shape {want}",
            got.map(|g| g.shape().to_vec())
        )),
        (Err((_, message)), Err(BroadcastError::TooLarge { .. }))
            if message.contains("array is too big")
                || message == "iterator is too large" =>
        {
            Ok(())
        }
        (Err((_, message)), got) => Err(format!(
            "{:?}; NumPy raised: {message}",
            got.map(|g| g.shape().to_vec())
        )),
    }
}

/// The chapter's "a NumPy array has at most 64 axes (and `np.broadcast_shapes`
/// takes shapes of at most 32 axes)": both limits as NumPy's committed error
/// messages state them (cases broadcast_shapes/23, 65 axes, and /25, 33 axes).
#[test]
fn the_page_gives_numpys_axis_limits() {
    let family = Family::load("broadcasting");
    let message = |id: &str| -> String {
        let case = family.cases.iter().find(|c| c.id == id);
        match case.map(|c| &c.expect) {
            Some(Err((_, message))) => message.clone(),
            other => panic!("{id}: {other:?}"),
        }
    };
    let limit = |text: &str, before: &str| -> usize {
        let rest = text.split_once(before).map(|(_, rest)| rest);
        let digits = rest.map(|r| {
            r.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        });
        digits
            .and_then(|d| d.parse().ok())
            .unwrap_or_else(|| panic!("{text:?}"))
    };
    let array = limit(&message("broadcast_shapes/23"), "is currently ");
    let function = limit(&message("broadcast_shapes/25"), "supports up to ");
    let page = crate::support::words_of_repo_file("src/ch03-broadcasting.md");
    let said = format!(
        "a NumPy array has at most {array} axes (and `np.broadcast_shapes` takes shapes of \
         at most {function} axes)"
    );
    assert!(page.contains(&said), "src/ch03-broadcasting.md: {said:?}");
    // Chapter 4's listings show the array limit in the doc comments of
    // `expand_dims` and `infer_shape`.
    let code =
        crate::support::read_repo_file("chapters-code/src/ch04_newaxis/mod.rs");
    let code = code.replace("///", " ");
    let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        format!("NumPy stops at {array} axes"),
        format!("NumPy also refuses more than {array} axes"),
    ] {
        assert!(
            code.contains(&said),
            "chapters-code/src/ch04_newaxis/mod.rs: {said:?}"
        );
    }
}

/// NumPy's internal error for the empty `uint8` result of `(0, 1) + (1, 2**63
/// - 1)` (case checked_add/empty-huge/11) is named, as NumPy words it, in
/// `checked_add`'s docs and on the chapter's page, with the size that works.
#[test]
fn the_docs_name_numpys_iterator_error() {
    let family = Family::load("broadcasting");
    let case = |id: &str| family.cases.iter().find(|c| c.id == id).expect(id);
    let Err((_, message)) = &case("checked_add/empty-huge/11").expect else {
        panic!("NumPy answered checked_add/empty-huge/11");
    };
    let error = message.split(';').next().expect("a message");
    assert!(case("checked_add/empty-huge/12").expect.is_ok());
    let page = crate::support::words_of_repo_file("src/ch03-broadcasting.md");
    for said in [
        format!(
            "for one-byte elements, NumPy 2.4.6's `(0, 1) + (1, 2**63 - 1)` raises an \
             internal error of its iterator (\"{error}\"), though `(0, 1) + (1, 2**63 - \
             2)` works"
        ),
        "`checked_add` returns the empty `(0, 2**63 - 1)` array".to_string(),
    ] {
        assert!(page.contains(&said), "the chapter: {said}");
    }
    let source = crate::support::words_of_repo_file(
        "chapters-code/src/ch03_broadcasting/mod.rs",
    );
    let doc =
        "NumPy 2.4.6 also /// refuses an empty `uint8` result of shape `(0, \
               2**63 - 1)` from `(0, 1) + /// (1, 2**63 - 1)`";
    assert!(source.contains(doc), "checked_add's docs: {doc}");
}
