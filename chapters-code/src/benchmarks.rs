//! Every workload the book times, declared once: its group and variant (the criterion ids and
//! `python/bench.py`'s names), the rows and labels of the chapter's timing table, the chapter
//! that shows it, and the NumPy or SciPy baseline it is compared with; and the size sweeps
//! (the same work timed from tiny inputs up to the size of its timing table).
//!
//! The criterion benchmarks name their ids from these constants; `./bench.sh` asks this
//! registry what to measure (`cargo run -- bench-plan`), and the results file is checked
//! against it when it is read: a timing of an undeclared workload is an error, a declared
//! workload without a timing is shown as "not measured yet".

/// Who ran a measurement, and how: the `side` column of `results/benchmarks.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// `python/bench.py`: CPython, NumPy or SciPy.
    Python,
    /// Criterion, with the system allocator (glibc's `malloc` as configured): the default
    /// configuration, and the book's headline.
    Rust,
    /// Criterion with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` (transparent huge pages for
    /// large allocations): chapter 2's lesson, measured only where a table shows it, and
    /// only in processes that got huge pages
    /// ([`exit_unless_huge_pages_as_expected`](crate::speed::exit_unless_huge_pages_as_expected)).
    RustHugePages,
    /// Criterion with `chapters_code::speed::FastAlloc` as the global allocator (the bench
    /// binaries built with the `fast-alloc` feature): the tuned configuration.
    RustFastAlloc,
    /// Criterion with the `blas` feature: ndarray's `dot` calls the system's OpenBLAS
    /// (chapter 5's optional backend), measured only where a table shows it.
    RustBlas,
}

impl Side {
    /// Every side, in the order of the results file.
    pub const ALL: [Side; 5] = [
        Side::Python,
        Side::Rust,
        Side::RustHugePages,
        Side::RustFastAlloc,
        Side::RustBlas,
    ];

    /// The sides criterion measures, each in its own `cargo bench` run.
    pub const CRITERION: [Side; 4] = [
        Side::Rust,
        Side::RustHugePages,
        Side::RustFastAlloc,
        Side::RustBlas,
    ];

    /// The name in the results file.
    pub const fn name(self) -> &'static str {
        match self {
            Side::Python => "python",
            Side::Rust => "rust",
            Side::RustHugePages => "rust+thp",
            Side::RustFastAlloc => "rust+fastalloc",
            Side::RustBlas => "rust+blas",
        }
    }

    /// The side named `name` in the results file.
    pub fn from_name(name: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|side| side.name() == name)
    }

    /// How the book labels its configuration: "" for the default ones.
    pub const fn tuning(self) -> &'static str {
        match self {
            Side::Python | Side::Rust => "",
            Side::RustHugePages => "huge pages",
            Side::RustFastAlloc => "with FastAlloc",
            Side::RustBlas => "with OpenBLAS",
        }
    }
}

/// One measured workload: a criterion benchmark or a function of `python/bench.py`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Workload {
    /// The group, e.g. `reciprocals` (criterion's group, `bench.py`'s first argument).
    pub group: &'static str,
    /// The variant, e.g. `map_collect` (criterion's function id, `bench.py`'s second argument).
    pub variant: &'static str,
    /// Measured by `python/bench.py` (else by criterion).
    pub python: bool,
    /// The rows it gets in its chapter's timing table and chart, with their labels (none: it
    /// is measured but not shown). A Rust workload is measured on [`Side::Rust`] and on every
    /// side a row names (plus [`Side::RustFastAlloc`] when the performance appendix shows it).
    pub rows: &'static [(Side, &'static str)],
}

impl Workload {
    /// The library a Python workload measures, as its rows name it: "SciPy" where a row's
    /// label starts with it (chapter 9's convolution), else "NumPy".
    pub fn library(&self) -> &'static str {
        if self
            .rows
            .iter()
            .any(|(_, label)| label.starts_with("SciPy"))
        {
            "SciPy"
        } else {
            "NumPy"
        }
    }

    /// A workload of `python/bench.py`, shown in its table as `rows` say.
    pub const fn python(
        group: &'static str,
        variant: &'static str,
        rows: &'static [(Side, &'static str)],
    ) -> Workload {
        Workload {
            group,
            variant,
            python: true,
            rows,
        }
    }

    /// A criterion benchmark, shown in its table as `rows` say.
    pub const fn rust(
        group: &'static str,
        variant: &'static str,
        rows: &'static [(Side, &'static str)],
    ) -> Workload {
        Workload {
            group,
            variant,
            python: false,
            rows,
        }
    }

    /// The sides its table rows show: Python, or [`Side::Rust`] and the tuned sides its rows
    /// name. (The appendix adds [`Side::RustFastAlloc`]: see [`measured_series`].)
    pub fn sides(&self) -> Vec<Side> {
        if self.python {
            return vec![Side::Python];
        }
        let mut sides = vec![Side::Rust];
        for &(side, _) in self.rows {
            if !sides.contains(&side) {
                sides.push(side);
            }
        }
        sides.sort();
        sides
    }

    /// The label of its row on `side`, if its table shows one.
    pub fn label(&self, side: Side) -> Option<&'static str> {
        self.rows.iter().find(|(s, _)| *s == side).map(|&(_, l)| l)
    }
}

/// One row of a timing table: a workload on one side, with its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Who ran it.
    pub side: Side,
    /// What was run.
    pub workload: Workload,
    /// The label in the table's first column (markdown).
    pub label: &'static str,
}

/// One line of the performance appendix: a task, the Rust version its chapter arrives at,
/// and what it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// What is computed, e.g. "1 / x for 9,999,999 integers" (the Rust row's label says how).
    pub what: &'static str,
    /// The Rust version (single-threaded), measured with the default configuration and with
    /// [`Side::RustFastAlloc`].
    pub rust: Workload,
    /// The NumPy or SciPy workload it is compared with: `None` for the group's baseline.
    pub against: Option<Workload>,
    /// The chapter's all-cores version, if it has one.
    pub parallel: Option<Workload>,
    /// NumPy's own all-cores run of the task, where NumPy has one (its matrix product): the
    /// all-cores version is compared with it, and `against` is then NumPy limited to one
    /// thread, which is not NumPy's default.
    pub numpy_all_cores: Option<Workload>,
}

impl Summary {
    /// A line comparing `rust` with its group's baseline.
    pub const fn new(what: &'static str, rust: Workload) -> Summary {
        Summary {
            what,
            rust,
            against: None,
            parallel: None,
            numpy_all_cores: None,
        }
    }

    /// The same line, compared with `numpy` instead of the group's baseline.
    pub const fn against(self, numpy: Workload) -> Summary {
        Summary {
            against: Some(numpy),
            ..self
        }
    }

    /// The same line, with the chapter's all-cores version.
    pub const fn parallel(self, parallel: Workload) -> Summary {
        Summary {
            parallel: Some(parallel),
            ..self
        }
    }

    /// The same line, with NumPy's all-cores run, which the all-cores version is compared
    /// with (the line's NumPy workload is then NumPy on one thread).
    pub const fn numpy_all_cores(self, numpy: Workload) -> Summary {
        Summary {
            numpy_all_cores: Some(numpy),
            ..self
        }
    }
}

/// A group of workloads that compute the same thing, with one timing table.
#[derive(Debug, Clone, Copy)]
pub struct Group {
    /// The group's name.
    pub name: &'static str,
    /// The slug of the chapter that shows its table.
    pub chapter: &'static str,
    /// The NumPy or SciPy workload every other is compared with (like for like: the same
    /// element type as the Rust rows where the tutorial's differs).
    pub baseline: Workload,
    /// Every workload, in the order of the table's rows.
    pub workloads: &'static [Workload],
    /// Its lines in the performance appendix.
    pub summary: &'static [Summary],
    /// The plain-Python version the appendix shows next to NumPy, if the tutorial has one.
    pub python_loop: Option<Workload>,
}

impl Group {
    /// The table's rows, in order.
    pub fn rows(&self) -> Vec<Row> {
        self.workloads
            .iter()
            .flat_map(|&workload| {
                workload.rows.iter().map(move |&(side, label)| Row {
                    side,
                    workload,
                    label,
                })
            })
            .collect()
    }

    /// The NumPy workload a summary line is compared with.
    pub fn against(&self, line: &Summary) -> Workload {
        line.against.unwrap_or(self.baseline)
    }
}

/// One workload timed at several sizes, from tiny to its table's, for a log–log chart of
/// time against size (the performance appendix draws one per sweep).
#[derive(Debug, Clone, Copy)]
pub struct Sweep {
    /// The group (criterion's group; its ids are `group/variant/size`).
    pub group: &'static str,
    /// The chart's title.
    pub title: &'static str,
    /// What the size counts, for the chart's x axis, e.g. "n, elements".
    pub size_label: &'static str,
    /// The sizes, smallest first.
    pub sizes: &'static [u64],
    /// The lines of the chart: each workload on each side its rows name.
    pub workloads: &'static [Workload],
}

/// The key of one timing: group, side, variant and (for a sweep) size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Series {
    /// The group.
    pub group: &'static str,
    /// Who ran it.
    pub side: Side,
    /// The variant.
    pub variant: &'static str,
    /// The size, for a sweep.
    pub size: Option<u64>,
}

impl Series {
    /// Its criterion benchmark id, `group/variant` or `group/variant/size`: what the
    /// benches name it (`cargo bench -- --list` prints it) and `./bench.sh`'s filters match.
    pub fn criterion_id(&self) -> String {
        match self.size {
            Some(n) => format!("{}/{}/{n}", self.group, self.variant),
            None => format!("{}/{}", self.group, self.variant),
        }
    }
}

/// Every timing the results file may hold, in the order it is written: each group's
/// workloads on each side they are measured on, then each sweep's points.
pub fn measured_series() -> Vec<Series> {
    let mut all = Vec::new();
    for group in GROUPS {
        for workload in group.workloads {
            let mut sides = workload.sides();
            if group.summary.iter().any(|line| line.rust == *workload)
                && !sides.contains(&Side::RustFastAlloc)
            {
                sides.push(Side::RustFastAlloc);
            }
            all.extend(sides.into_iter().map(|side| Series {
                group: workload.group,
                side,
                variant: workload.variant,
                size: None,
            }));
        }
    }
    for sweep in SWEEPS {
        for workload in sweep.workloads {
            for side in workload.sides() {
                for &size in sweep.sizes {
                    all.push(Series {
                        group: sweep.group,
                        side,
                        variant: workload.variant,
                        size: Some(size),
                    });
                }
            }
        }
    }
    all
}

/// Every group and sweep name `./bench.sh GROUP` accepts, in registry order.
pub fn group_names() -> Vec<&'static str> {
    GROUPS
        .iter()
        .map(|g| g.name)
        .chain(SWEEPS.iter().map(|s| s.group))
        .collect()
}

/// Rows whose work is not comparable with their table's baseline, with what their ratio cell
/// says instead: moving a `Vec` into an array touches no element, so "N× faster" than creating
/// ten million numbers would mean nothing.
pub const NOT_COMPARED: &[(Workload, &str)] =
    &[(creation::ARRAY_FROM_VEC, "– (a move: no element touched)")];

use Side::{
    Python as PY, Rust as RS, RustBlas as BLAS, RustFastAlloc as FA,
    RustHugePages as THP,
};

/// The sizes of the timed benchmarks of chapters 5, 7, 8 and 9: the Rust benches
/// (`chapters-code/benches/`) and `python/bench.py` type these numbers, the group labels and
/// the pages name them, and the book's guard checks that all of them agree.
pub mod sizes {
    /// Chapter 5: the sides of the two square matrix products timed.
    pub const MATMUL: [usize; 2] = [512, 2048];
    /// Chapter 7: the points (`RandomState(42).rand(KNN_POINTS, 2)`).
    pub const KNN_POINTS: usize = 2000;
    /// Chapters 8 and 9: the side of the square Life board and of the image convolved.
    pub const SIDE: usize = 1000;
    /// Chapter 8: the generations one timed call computes (its size sweep's too).
    pub const LIFE_GENERATIONS: usize = 10;
}

/// Chapter 2: `1 / x` for the integers 1 to 9,999,999.
pub mod reciprocals {
    use super::*;
    const G: &str = "reciprocals";
    /// The tutorial's `for` loop with `append`.
    pub const PYTHON_FOR_LOOP: Workload = Workload::python(
        G,
        "python_for_loop",
        &[(PY, "Python `for` loop, `append`")],
    );
    /// The tutorial's list comprehension.
    pub const PYTHON_LIST_COMPREHENSION: Workload = Workload::python(
        G,
        "python_list_comprehension",
        &[(PY, "Python list comprehension")],
    );
    /// `1 / numpy_nums`.
    pub const NUMPY: Workload =
        Workload::python(G, "numpy", &[(PY, "NumPy `1 / numpy_nums`")]);
    /// The same with NumPy's huge pages turned off.
    pub const NUMPY_NO_HUGEPAGES: Workload = Workload::python(
        G,
        "numpy_no_hugepages",
        &[(PY, "NumPy, huge pages off")],
    );
    /// `numpy_nums.copy()`.
    pub const NUMPY_COPY: Workload =
        Workload::python(G, "numpy_copy", &[(PY, "NumPy `numpy_nums.copy()`")]);
    /// `reciprocals_boxed`.
    pub const BOXED_LIST: Workload =
        Workload::rust(G, "boxed_list", &[(RS, "Rust `reciprocals_boxed`")]);
    /// `reciprocals_push_loop`.
    pub const PUSH_LOOP: Workload =
        Workload::rust(G, "push_loop", &[(RS, "Rust `reciprocals_push_loop`")]);
    /// `reciprocals_map_collect`.
    pub const MAP_COLLECT: Workload = Workload::rust(
        G,
        "map_collect",
        &[(RS, "Rust `reciprocals_map_collect`")],
    );
    /// `reciprocals`.
    pub const RECIPROCALS: Workload = Workload::rust(
        G,
        "reciprocals",
        &[
            (RS, "Rust `reciprocals`"),
            (THP, "Rust `reciprocals`, huge pages"),
            (FA, "Rust `reciprocals`, with FastAlloc"),
        ],
    );
    /// `copy_floor`.
    pub const COPY_FLOOR: Workload = Workload::rust(
        G,
        "copy_floor",
        &[
            (RS, "Rust `copy_floor`"),
            (THP, "Rust `copy_floor`, huge pages"),
        ],
    );
    /// `reciprocals_into` a reused buffer.
    pub const INTO_REUSED_BUFFER: Workload = Workload::rust(
        G,
        "into_reused_buffer",
        &[(RS, "Rust `reciprocals_into`, reused buffer")],
    );
    /// `reciprocals_par`.
    pub const RAYON: Workload = Workload::rust(
        G,
        "rayon",
        &[
            (RS, "Rust `reciprocals_par` (all cores)"),
            (THP, "Rust `reciprocals_par` (all cores), huge pages"),
        ],
    );
    /// The group.
    pub const GROUP: Group = Group {
        name: G,
        chapter: "ch02-speed",
        baseline: NUMPY,
        workloads: &[
            PYTHON_FOR_LOOP,
            PYTHON_LIST_COMPREHENSION,
            NUMPY,
            NUMPY_NO_HUGEPAGES,
            NUMPY_COPY,
            BOXED_LIST,
            PUSH_LOOP,
            MAP_COLLECT,
            RECIPROCALS,
            COPY_FLOOR,
            INTO_REUSED_BUFFER,
            RAYON,
        ],
        summary: &[Summary::new("1 / x for 9,999,999 integers", RECIPROCALS)
            .parallel(RAYON)],
        python_loop: Some(PYTHON_FOR_LOOP),
    };
}

/// Chapter 2: making the integers 1 to 9,999,999.
pub mod creation {
    use super::*;
    const G: &str = "creation";
    /// `list(range(1, n))`.
    pub const PYTHON_LIST_RANGE: Workload = Workload::python(
        G,
        "python_list_range",
        &[(PY, "Python `list(range(1, n))`")],
    );
    /// `np.array(nums_list)`.
    pub const NUMPY_ARRAY_FROM_LIST: Workload = Workload::python(
        G,
        "numpy_array_from_list",
        &[(PY, "NumPy `np.array(nums_list)`")],
    );
    /// `np.array(range(1, n))`.
    pub const NUMPY_ARRAY_FROM_RANGE: Workload = Workload::python(
        G,
        "numpy_array_from_range",
        &[(PY, "NumPy `np.array(range(1, n))`")],
    );
    /// `np.arange(1, n)`.
    pub const NUMPY_ARANGE: Workload =
        Workload::python(G, "numpy_arange", &[(PY, "NumPy `np.arange(1, n)`")]);
    /// `list_range`.
    pub const LIST_RANGE: Workload = Workload::rust(
        G,
        "list_range",
        &[(RS, "Rust `list_range` (`collect` into a `Vec`)")],
    );
    /// `array_from_slice`.
    pub const ARRAY_FROM_SLICE: Workload = Workload::rust(
        G,
        "array_from_slice",
        &[(RS, "Rust `array_from_slice` (copy)")],
    );
    /// `array_from_vec`.
    pub const ARRAY_FROM_VEC: Workload = Workload::rust(
        G,
        "array_from_vec",
        &[(RS, "Rust `array_from_vec` (move)")],
    );
    /// `array_from_iter`.
    pub const ARRAY_FROM_ITER: Workload = Workload::rust(
        G,
        "array_from_iter",
        &[
            (RS, "Rust `array_from_iter`"),
            (THP, "Rust `array_from_iter`, huge pages"),
            (FA, "Rust `array_from_iter`, with FastAlloc"),
        ],
    );
    /// `array_range_f64`.
    pub const ARRAY_RANGE_F64: Workload =
        Workload::rust(G, "array_range_f64", &[(RS, "Rust `array_range_f64`")]);
    /// The group.
    pub const GROUP: Group = Group {
        name: G,
        chapter: "ch02-speed",
        baseline: NUMPY_ARANGE,
        workloads: &[
            PYTHON_LIST_RANGE,
            NUMPY_ARRAY_FROM_LIST,
            NUMPY_ARRAY_FROM_RANGE,
            NUMPY_ARANGE,
            LIST_RANGE,
            ARRAY_FROM_SLICE,
            ARRAY_FROM_VEC,
            ARRAY_FROM_ITER,
            ARRAY_RANGE_F64,
        ],
        summary: &[Summary::new(
            "the integers 1 to 9,999,999",
            ARRAY_FROM_ITER,
        )],
        python_loop: Some(PYTHON_LIST_RANGE),
    };
}

/// Chapter 2: distances from a point to 10⁷ points.
pub mod distances {
    use super::*;
    const G: &str = "distances";
    /// The tutorial's list comprehension.
    pub const PYTHON_LIST_COMPREHENSION: Workload = Workload::python(
        G,
        "python_list_comprehension",
        &[(PY, "Python list comprehension")],
    );
    /// The tutorial's broadcasting expression.
    pub const NUMPY_BROADCAST: Workload = Workload::python(
        G,
        "numpy_broadcast",
        &[(PY, "NumPy broadcasting expression")],
    );
    /// `distances_nested`.
    pub const NESTED_VECS: Workload = Workload::rust(
        G,
        "nested_vecs",
        &[(RS, "Rust `distances_nested` (Vec of Vecs)")],
    );
    /// `distances_broadcast_literal`.
    pub const BROADCAST_LITERAL: Workload = Workload::rust(
        G,
        "broadcast_literal",
        &[(RS, "Rust `distances_broadcast_literal`")],
    );
    /// `distances_broadcast_in_place`: NumPy's two temporaries.
    pub const BROADCAST_IN_PLACE: Workload = Workload::rust(
        G,
        "broadcast_in_place",
        &[(RS, "Rust `distances_broadcast_in_place`")],
    );
    /// `distances_to`.
    pub const DISTANCES_TO: Workload = Workload::rust(
        G,
        "distances_to",
        &[
            (RS, "Rust `distances_to`"),
            (THP, "Rust `distances_to`, huge pages"),
            (FA, "Rust `distances_to`, with FastAlloc"),
        ],
    );
    /// `distances_to_par`.
    pub const RAYON: Workload = Workload::rust(
        G,
        "rayon",
        &[
            (RS, "Rust `distances_to_par` (all cores)"),
            (THP, "Rust `distances_to_par` (all cores), huge pages"),
        ],
    );
    /// The group.
    pub const GROUP: Group = Group {
        name: G,
        chapter: "ch02-speed",
        baseline: NUMPY_BROADCAST,
        workloads: &[
            PYTHON_LIST_COMPREHENSION,
            NUMPY_BROADCAST,
            NESTED_VECS,
            BROADCAST_LITERAL,
            BROADCAST_IN_PLACE,
            DISTANCES_TO,
            RAYON,
        ],
        summary: &[Summary::new(
            "distances from a point to 10⁷ points",
            DISTANCES_TO,
        )
        .parallel(RAYON)],
        python_loop: Some(PYTHON_LIST_COMPREHENSION),
    };
}

/// Chapter 5: the products of two 512 × 512 and of two 2048 × 2048 `f64`
/// matrices ([`GROUP`](matmul::GROUP), [`GROUP_2048`](matmul::GROUP_2048)).
pub mod matmul {
    use super::*;
    const G: &str = "matmul";
    const G2048: &str = "matmul_2048";
    const NUMPY: &str = "numpy_matmul";
    const NUMPY_ALL_CORES: &str = "numpy_matmul_all_cores";
    /// `a @ b`, NumPy's OpenBLAS on one thread.
    pub const NUMPY_MATMUL: Workload =
        Workload::python(G, NUMPY, &[(PY, "NumPy `a @ b`, 1 thread")]);
    /// `a @ b` on every core.
    pub const NUMPY_MATMUL_ALL_CORES: Workload = Workload::python(
        G,
        NUMPY_ALL_CORES,
        &[(PY, "NumPy `a @ b`, all cores")],
    );
    /// `a.dot(&b)`, and again with the `blas` feature (the system's OpenBLAS, one thread).
    pub const DOT: Workload = Workload::rust(G, "dot", DOT_ROWS);
    const DOT_ROWS: &[(Side, &str)] = &[
        (RS, "ndarray `a.dot(&b)`"),
        (BLAS, "ndarray `a.dot(&b)`, `blas` feature, 1 thread"),
    ];
    /// `general_mat_mul` into an existing matrix.
    pub const GENERAL_MAT_MUL: Workload = Workload::rust(
        G,
        "general_mat_mul",
        &[(RS, "ndarray `general_mat_mul`, into a matrix")],
    );
    /// `fast_matmul` (faer, one thread).
    pub const FAST_MATMUL: Workload =
        Workload::rust(G, "fast_matmul", &[(RS, "`fast_matmul` (faer)")]);
    /// `fast_matmul_par` (faer, every core).
    pub const FAST_MATMUL_PAR: Workload = Workload::rust(
        G,
        "fast_matmul_par",
        &[(RS, "`fast_matmul_par`, all cores")],
    );
    /// The 512 × 512 group.
    pub const GROUP: Group = Group {
        name: G,
        chapter: "ch05-products",
        baseline: NUMPY_MATMUL,
        workloads: &[
            NUMPY_MATMUL,
            DOT,
            GENERAL_MAT_MUL,
            FAST_MATMUL,
            NUMPY_MATMUL_ALL_CORES,
            FAST_MATMUL_PAR,
        ],
        summary: &[Summary::new("512 × 512 matrix product", FAST_MATMUL)
            .parallel(FAST_MATMUL_PAR)
            .numpy_all_cores(NUMPY_MATMUL_ALL_CORES)],
        python_loop: None,
    };

    /// `a @ b` at 2048 × 2048, one thread.
    pub const NUMPY_MATMUL_2048: Workload =
        Workload::python(G2048, NUMPY, &[(PY, "NumPy `a @ b`, 1 thread")]);
    /// `a @ b` at 2048 × 2048, every core.
    pub const NUMPY_MATMUL_ALL_CORES_2048: Workload = Workload::python(
        G2048,
        NUMPY_ALL_CORES,
        &[(PY, "NumPy `a @ b`, all cores")],
    );
    /// `a.dot(&b)` at 2048 × 2048, and again with the `blas` feature.
    pub const DOT_2048: Workload = Workload::rust(G2048, "dot", DOT_ROWS);
    /// `fast_matmul` at 2048 × 2048.
    pub const FAST_MATMUL_2048: Workload =
        Workload::rust(G2048, "fast_matmul", &[(RS, "`fast_matmul` (faer)")]);
    /// `fast_matmul_par` at 2048 × 2048.
    pub const FAST_MATMUL_PAR_2048: Workload = Workload::rust(
        G2048,
        "fast_matmul_par",
        &[(RS, "`fast_matmul_par`, all cores")],
    );
    /// The 2048 × 2048 group.
    pub const GROUP_2048: Group = Group {
        name: G2048,
        chapter: "ch05-products",
        baseline: NUMPY_MATMUL_2048,
        workloads: &[
            NUMPY_MATMUL_2048,
            DOT_2048,
            FAST_MATMUL_2048,
            NUMPY_MATMUL_ALL_CORES_2048,
            FAST_MATMUL_PAR_2048,
        ],
        summary: &[Summary::new(
            "2048 × 2048 matrix product",
            FAST_MATMUL_2048,
        )
        .parallel(FAST_MATMUL_PAR_2048)
        .numpy_all_cores(NUMPY_MATMUL_ALL_CORES_2048)],
        python_loop: None,
    };
}

/// Chapter 6: sin(r²)/r² on a 1600 × 1600 grid.
pub mod sinc {
    use super::*;
    const G: &str = "sinc";
    /// The tutorial's expression on sparse grids.
    pub const NUMPY_SPARSE: Workload = Workload::python(
        G,
        "numpy_sparse",
        &[(PY, "NumPy, sparse grids (the tutorial)")],
    );
    /// `sinc_broadcast`.
    pub const SINC_BROADCAST: Workload = Workload::rust(
        G,
        "sinc_broadcast",
        &[(RS, "Rust `sinc_broadcast` (step by step, the sum once)")],
    );
    /// `sinc`.
    pub const SINC: Workload = Workload::rust(
        G,
        "sinc",
        &[
            (RS, "Rust `sinc` (one pass)"),
            (THP, "Rust `sinc`, huge pages"),
        ],
    );
    /// The group.
    pub const GROUP: Group = Group {
        name: G,
        chapter: "ch06-meshgrid",
        baseline: NUMPY_SPARSE,
        workloads: &[NUMPY_SPARSE, SINC_BROADCAST, SINC],
        summary: &[Summary::new("sin(r²)/r² on a 1600 × 1600 grid", SINC)],
        python_loop: None,
    };
}

/// Chapter 7: all pairwise squared distances of 2000 points.
pub mod knn_distances {
    use super::*;
    const G: &str = "knn_distances";
    /// The tutorial's broadcasting expression.
    pub const NUMPY_BROADCAST: Workload = Workload::python(
        G,
        "numpy_broadcast",
        &[(PY, "NumPy broadcasting expression")],
    );
    /// `pairwise_sq_distances_broadcast`.
    pub const BROADCAST: Workload = Workload::rust(
        G,
        "broadcast",
        &[(RS, "Rust `pairwise_sq_distances_broadcast` (word for word)")],
    );
    /// `pairwise_sq_distances_in_place`.
    pub const IN_PLACE: Workload = Workload::rust(
        G,
        "in_place",
        &[(RS, "Rust `pairwise_sq_distances_in_place` (`mapv_into`)")],
    );
    /// `pairwise_sq_distances`.
    pub const PAIRWISE_SQ_DISTANCES: Workload = Workload::rust(
        G,
        "pairwise_sq_distances",
        &[(RS, "Rust `pairwise_sq_distances` (no temporary)")],
    );
    /// `pairwise_sq_distances_symmetric`.
    pub const SYMMETRIC: Workload = Workload::rust(
        G,
        "symmetric",
        &[(
            RS,
            "Rust `pairwise_sq_distances_symmetric` (half the pairs)",
        )],
    );
    /// The group.
    pub const GROUP: Group = Group {
        name: G,
        chapter: "ch07-knn",
        baseline: NUMPY_BROADCAST,
        workloads: &[
            NUMPY_BROADCAST,
            BROADCAST,
            IN_PLACE,
            PAIRWISE_SQ_DISTANCES,
            SYMMETRIC,
        ],
        summary: &[Summary::new(
            "pairwise distances of 2000 points",
            PAIRWISE_SQ_DISTANCES,
        )],
        python_loop: None,
    };
}

/// Chapter 7: argsort of 2000 rows of 2000 squared distances.
pub mod knn_argsort {
    use super::*;
    const G: &str = "knn_argsort";
    /// `np.argsort(dist_sq, axis=1)`.
    pub const NUMPY_ARGSORT: Workload = Workload::python(
        G,
        "numpy_argsort",
        &[(PY, "NumPy `np.argsort(dist_sq, axis=1)`")],
    );
    /// The same, `kind='stable'`.
    pub const NUMPY_ARGSORT_STABLE: Workload = Workload::python(
        G,
        "numpy_argsort_stable",
        &[(PY, "NumPy `np.argsort(…, kind='stable')`")],
    );
    /// `argsort_rows_unstable`.
    pub const ARGSORT_ROWS_UNSTABLE: Workload = Workload::rust(
        G,
        "argsort_rows_unstable",
        &[(RS, "Rust `argsort_rows_unstable`")],
    );
    /// `argsort_rows`.
    pub const ARGSORT_ROWS: Workload = Workload::rust(
        G,
        "argsort_rows",
        &[(RS, "Rust `argsort_rows` (stable)")],
    );
    /// The group.
    pub const GROUP: Group = Group {
        name: G,
        chapter: "ch07-knn",
        baseline: NUMPY_ARGSORT,
        workloads: &[
            NUMPY_ARGSORT,
            NUMPY_ARGSORT_STABLE,
            ARGSORT_ROWS_UNSTABLE,
            ARGSORT_ROWS,
        ],
        summary: &[
            Summary::new("argsort of 2000 rows of 2000", ARGSORT_ROWS_UNSTABLE),
            // Like for like: a stable sort against NumPy's stable sort.
            Summary::new("argsort of 2000 rows of 2000, stable", ARGSORT_ROWS)
                .against(NUMPY_ARGSORT_STABLE),
        ],
        python_loop: None,
    };
}

/// Chapter 7: argpartition of 2000 rows, kth = 3.
pub mod knn_argpartition {
    use super::*;
    const G: &str = "knn_argpartition";
    /// `np.argpartition(dist_sq, K + 1, axis=1)`.
    pub const NUMPY_ARGPARTITION: Workload = Workload::python(
        G,
        "numpy_argpartition",
        &[(PY, "NumPy `np.argpartition(dist_sq, K + 1, axis=1)`")],
    );
    /// `argpartition_rows`.
    pub const ARGPARTITION_ROWS: Workload = Workload::rust(
        G,
        "argpartition_rows",
        &[(RS, "Rust `argpartition_rows`")],
    );
    /// The general selection on every row, `select_nth_unstable_by` at the same
    /// `kth` (the benchmark's own code: `argpartition_rows` uses it for large `kth`).
    pub const SELECT_NTH: Workload = Workload::rust(
        G,
        "select_nth_unstable",
        &[(RS, "Rust `select_nth_unstable_by` on each row")],
    );
    /// The group.
    pub const GROUP: Group = Group {
        name: G,
        chapter: "ch07-knn",
        baseline: NUMPY_ARGPARTITION,
        workloads: &[NUMPY_ARGPARTITION, ARGPARTITION_ROWS, SELECT_NTH],
        summary: &[Summary::new(
            "argpartition of 2000 rows, kth = 3",
            ARGPARTITION_ROWS,
        )],
        python_loop: None,
    };
}

/// Chapter 8: ten Life generations of a 1000 × 1000 board.
pub mod life {
    use super::*;
    const G: &str = "life";
    /// The tutorial's `iterate`, on its int64 board.
    pub const NUMPY_ITERATE: Workload = Workload::python(
        G,
        "numpy_iterate",
        &[(PY, "NumPy `iterate` (the tutorial's), `int64` board")],
    );
    /// The tutorial's `iterate`, on a uint8 board: the like-for-like baseline.
    pub const NUMPY_ITERATE_UINT8: Workload = Workload::python(
        G,
        "numpy_iterate_uint8",
        &[(PY, "NumPy `iterate`, `uint8` board")],
    );
    /// `iterate_loops`.
    pub const ITERATE_LOOPS: Workload = Workload::rust(
        G,
        "iterate_loops",
        &[(RS, "Rust `iterate_loops` (loops), `u8` board")],
    );
    /// `iterate`.
    pub const ITERATE: Workload = Workload::rust(
        G,
        "iterate",
        &[(RS, "Rust `iterate` (slices), `u8` board")],
    );
    /// `FastLife::step`.
    pub const FAST: Workload = Workload::rust(
        G,
        "fast",
        &[(RS, "Rust `FastLife::step` (one pass), `u8` board")],
    );
    /// The group.
    pub const GROUP: Group = Group {
        name: G,
        chapter: "ch08-life",
        // Like for like: Rust's boards are `u8`, so NumPy's `uint8` board is the baseline;
        // the tutorial's int64 board has a row (and an appendix line) of its own.
        baseline: NUMPY_ITERATE_UINT8,
        workloads: &[
            NUMPY_ITERATE,
            NUMPY_ITERATE_UINT8,
            ITERATE_LOOPS,
            ITERATE,
            FAST,
        ],
        summary: &[
            Summary::new(
                "10 Life generations, 1000 × 1000, u8 / uint8 boards",
                ITERATE_LOOPS,
            ),
            Summary::new(
                "10 Life generations, 1000 × 1000, u8 / uint8 boards",
                ITERATE,
            ),
            Summary::new(
                "10 Life generations, 1000 × 1000, u8 / uint8 boards",
                FAST,
            ),
            Summary::new(
                "the same, NumPy on the tutorial's int64 board",
                ITERATE,
            )
            .against(NUMPY_ITERATE),
        ],
        python_loop: None,
    };
}

/// Chapter 9: a 3 × 3 convolution of a 1000 × 1000 image, Same mode.
pub mod convolution {
    use super::*;
    const G: &str = "convolution";
    /// The kernel of chapter 9's benchmarks and size sweep, on both sides
    /// (`python/bench.py` types the same values): the discrete Laplacian.
    /// Its four zero weights are products `ndarray-conv`'s `conv` leaves
    /// out, so it computes five products per pixel where SciPy and
    /// `convolve2d` compute nine; chapter 9 says so under its table.
    pub const KERNEL: [[f64; 3]; 3] =
        [[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]];
    /// `scipy.signal.convolve2d(a, k, mode='same')`.
    pub const SCIPY_CONVOLVE2D: Workload = Workload::python(
        G,
        "scipy_convolve2d",
        &[(PY, "SciPy `signal.convolve2d(a, k, mode='same')`")],
    );
    /// `convolve2d`.
    pub const CONVOLVE2D: Workload =
        Workload::rust(G, "convolve2d", &[(RS, "Rust `convolve2d` (windows)")]);
    /// The `ndarray-conv` crate's `conv`.
    pub const NDARRAY_CONV: Workload =
        Workload::rust(G, "ndarray_conv", &[(RS, "`ndarray-conv` `conv`")]);
    /// The `ndarray-conv` crate's `conv_fft`.
    pub const NDARRAY_CONV_FFT: Workload = Workload::rust(
        G,
        "ndarray_conv_fft",
        &[(RS, "`ndarray-conv` `conv_fft`")],
    );
    /// The group.
    pub const GROUP: Group = Group {
        name: G,
        chapter: "ch09-convolution",
        baseline: SCIPY_CONVOLVE2D,
        workloads: &[
            SCIPY_CONVOLVE2D,
            CONVOLVE2D,
            NDARRAY_CONV,
            NDARRAY_CONV_FFT,
        ],
        summary: &[
            Summary::new("3 × 3 convolution of 1000 × 1000, Same", CONVOLVE2D),
            Summary::new(
                "3 × 3 convolution of 1000 × 1000, Same",
                NDARRAY_CONV,
            ),
        ],
        python_loop: None,
    };
}

/// Every group, in the order of the book.
pub const GROUPS: &[Group] = &[
    reciprocals::GROUP,
    creation::GROUP,
    distances::GROUP,
    matmul::GROUP,
    matmul::GROUP_2048,
    sinc::GROUP,
    knn_distances::GROUP,
    knn_argsort::GROUP,
    knn_argpartition::GROUP,
    life::GROUP,
    convolution::GROUP,
];

/// The size sweeps: chapters 2, 7, 8 and 9's work timed from tiny inputs up to the size
/// of its timing table, Rust and NumPy, for one log–log chart each.
///
/// Each sweep has a module of its own, as each group has: the group name typed once, and
/// every workload a named constant, so that a benchmark picks the workload it times by
/// name (a reorder of the list cannot mislabel a timing). The sweeps themselves keep their
/// short paths: [`sweeps::RECIPROCALS`], [`sweeps::KNN_DISTANCES`], [`sweeps::LIFE`],
/// [`sweeps::CONVOLUTION`].
pub mod sweeps {

    /// Chapter 2: `1 / x` for the integers 1 to n.
    pub const RECIPROCALS: super::Sweep = reciprocals::SWEEP;
    /// Chapter 7: all pairwise squared distances of N points in the plane.
    pub const KNN_DISTANCES: super::Sweep = knn_distances::SWEEP;
    /// Chapter 8: ten Life generations of an n × n board.
    pub const LIFE: super::Sweep = life::SWEEP;
    /// Chapter 9: a 3 × 3 convolution of an n × n image, Same mode.
    pub const CONVOLUTION: super::Sweep = convolution::SWEEP;

    /// Chapter 2's sweep: `1 / x` for the integers 1 to n.
    pub mod reciprocals {
        use super::super::*;
        use Side::RustFastAlloc as FA;
        const G: &str = "reciprocals_sweep";
        /// `1 / numpy_nums`.
        pub const NUMPY: Workload =
            Workload::python(G, "numpy", &[(PY, "NumPy 1 / numpy_nums")]);
        /// `reciprocals`, with the system allocator and with FastAlloc.
        pub const RECIPROCALS: Workload = Workload::rust(
            G,
            "reciprocals",
            &[
                (RS, "Rust reciprocals"),
                (FA, "Rust reciprocals, with FastAlloc"),
            ],
        );
        /// The sweep.
        pub const SWEEP: Sweep = Sweep {
            group: G,
            title: "1 / x for the integers 1 to n",
            size_label: "n, elements",
            sizes: &[10, 100, 1_000, 10_000, 100_000, 1_000_000, 9_999_999],
            workloads: &[NUMPY, RECIPROCALS],
        };
    }

    /// Chapter 7's sweep: all pairwise squared distances of N points in the plane.
    pub mod knn_distances {
        use super::super::*;
        const G: &str = "knn_distances_sweep";
        /// NumPy's broadcasting expression.
        pub const NUMPY_BROADCAST: Workload = Workload::python(
            G,
            "numpy_broadcast",
            &[(PY, "NumPy broadcasting expression")],
        );
        /// `pairwise_sq_distances_broadcast`.
        pub const BROADCAST: Workload = Workload::rust(
            G,
            "broadcast",
            &[(RS, "Rust pairwise_sq_distances_broadcast")],
        );
        /// `pairwise_sq_distances`.
        pub const PAIRWISE_SQ_DISTANCES: Workload = Workload::rust(
            G,
            "pairwise_sq_distances",
            &[(RS, "Rust pairwise_sq_distances")],
        );
        /// The sweep.
        pub const SWEEP: Sweep = Sweep {
            group: G,
            title: "Pairwise squared distances of N points",
            size_label: "N, points",
            sizes: &[10, 30, 100, 300, 1_000, 2_000],
            workloads: &[NUMPY_BROADCAST, BROADCAST, PAIRWISE_SQ_DISTANCES],
        };
    }

    /// Chapter 8's sweep: ten Life generations of an n × n board.
    pub mod life {
        use super::super::*;
        const G: &str = "life_sweep";
        /// NumPy's `iterate` on a `uint8` board.
        pub const NUMPY_ITERATE_UINT8: Workload = Workload::python(
            G,
            "numpy_iterate_uint8",
            &[(PY, "NumPy iterate, uint8 board")],
        );
        /// `iterate` (slices) on a `u8` board.
        pub const ITERATE: Workload = Workload::rust(
            G,
            "iterate",
            &[(RS, "Rust iterate (slices), u8 board")],
        );
        /// `FastLife::step` on a `u8` board.
        pub const FAST: Workload =
            Workload::rust(G, "fast", &[(RS, "Rust FastLife::step, u8 board")]);
        /// The sweep.
        pub const SWEEP: Sweep = Sweep {
            group: G,
            title: "10 Life generations of an n × n board",
            size_label: "n, board side (n × n cells)",
            sizes: &[10, 30, 100, 300, 1_000],
            workloads: &[NUMPY_ITERATE_UINT8, ITERATE, FAST],
        };
    }

    /// Chapter 9's sweep: a 3 × 3 convolution of an n × n image, Same mode.
    pub mod convolution {
        use super::super::*;
        const G: &str = "convolution_sweep";
        /// SciPy's `signal.convolve2d`.
        pub const SCIPY_CONVOLVE2D: Workload = Workload::python(
            G,
            "scipy_convolve2d",
            &[(PY, "SciPy signal.convolve2d")],
        );
        /// `convolve2d` (windows).
        pub const CONVOLVE2D: Workload = Workload::rust(
            G,
            "convolve2d",
            &[(RS, "Rust convolve2d (windows)")],
        );
        /// ndarray-conv's `conv`.
        pub const NDARRAY_CONV: Workload =
            Workload::rust(G, "ndarray_conv", &[(RS, "ndarray-conv conv")]);
        /// The sweep.
        pub const SWEEP: Sweep = Sweep {
            group: G,
            title: "3 × 3 convolution of an n × n image, Same mode",
            size_label: "n, image side (n × n pixels)",
            sizes: &[10, 30, 100, 300, 1_000],
            workloads: &[SCIPY_CONVOLVE2D, CONVOLVE2D, NDARRAY_CONV],
        };
    }
}

/// Every size sweep, in the order of the book.
pub const SWEEPS: &[Sweep] = &[
    sweeps::RECIPROCALS,
    sweeps::KNN_DISTANCES,
    sweeps::LIFE,
    sweeps::CONVOLUTION,
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn check_sides(w: &Workload) {
        for &(side, _) in w.rows {
            assert_eq!(
                side == Side::Python,
                w.python,
                "{w:?}: Python workloads have Python rows, Rust ones Rust rows"
            );
        }
    }

    #[test]
    fn every_workload_is_in_its_own_group_once() {
        let mut seen = BTreeSet::new();
        for group in GROUPS {
            assert!(
                group.workloads.contains(&group.baseline),
                "{}",
                group.name
            );
            assert!(
                group.baseline.python,
                "{}: the baseline is NumPy's",
                group.name
            );
            for w in group.workloads {
                assert_eq!(w.group, group.name);
                assert!(seen.insert((w.group, w.python, w.variant)), "{w:?}");
                check_sides(w);
            }
            for line in group.summary {
                assert!(group.workloads.contains(&line.rust), "{line:?}");
                assert!(!line.rust.python, "{line:?}: the Rust version");
                let against = group.against(line);
                assert!(group.workloads.contains(&against), "{line:?}");
                assert!(against.python, "{line:?}: compared with NumPy");
                if let Some(parallel) = line.parallel {
                    assert!(group.workloads.contains(&parallel), "{line:?}");
                }
                if let Some(numpy) = line.numpy_all_cores {
                    assert!(group.workloads.contains(&numpy), "{line:?}");
                    assert!(numpy.python, "{line:?}: NumPy's all-cores run");
                    assert!(line.parallel.is_some(), "{line:?}: compared with");
                }
            }
            if let Some(w) = group.python_loop {
                assert!(group.workloads.contains(&w), "{w:?}");
            }
        }
    }

    #[test]
    fn sweeps_and_groups_have_distinct_names_and_sorted_sizes() {
        let names = group_names();
        let distinct: BTreeSet<_> = names.iter().collect();
        assert_eq!(distinct.len(), names.len(), "{names:?}");
        for sweep in SWEEPS {
            assert!(sweep.sizes.windows(2).all(|w| w[0] < w[1]), "{sweep:?}");
            assert!(sweep.sizes.first().is_some_and(|&n| n > 0));
            for w in sweep.workloads {
                assert_eq!(w.group, sweep.group);
                assert!(!w.rows.is_empty(), "{w:?}: a line of the chart");
                check_sides(w);
            }
        }
    }

    #[test]
    fn measured_series_are_distinct_and_include_the_tuned_sides() {
        let all = measured_series();
        let distinct: BTreeSet<_> = all.iter().collect();
        assert_eq!(distinct.len(), all.len());
        let has = |group, side, variant| {
            all.contains(&Series {
                group,
                side,
                variant,
                size: None,
            })
        };
        // The appendix's Rust versions are measured with FastAlloc too.
        assert!(has("life", Side::RustFastAlloc, "iterate"));
        // Huge pages only where a row shows them.
        assert!(has("reciprocals", Side::RustHugePages, "reciprocals"));
        assert!(!has("life", Side::RustHugePages, "iterate"));
        assert!(all.contains(&Series {
            group: "reciprocals_sweep",
            side: Side::RustFastAlloc,
            variant: "reciprocals",
            size: Some(10),
        }));
    }

    /// `@benchmark("group", "variant"…)` and `@sweep("group", "variant"…)` lines of
    /// `python/bench.py`, read as text (the tests never run Python).
    fn python_benchmarks(source: &str) -> BTreeSet<(String, String)> {
        source
            .lines()
            .filter_map(|line| {
                let line = line.trim();
                line.strip_prefix("@benchmark(")
                    .or_else(|| line.strip_prefix("@sweep("))
            })
            .filter_map(|args| {
                let mut quoted = args.split('"').skip(1).step_by(2);
                Some((quoted.next()?.to_string(), quoted.next()?.to_string()))
            })
            .collect()
    }

    #[test]
    fn python_bench_measures_exactly_the_declared_python_workloads() {
        let source = include_str!("../../python/bench.py");
        let in_script = python_benchmarks(source);
        let declared: BTreeSet<(String, String)> = GROUPS
            .iter()
            .flat_map(|g| g.workloads)
            .chain(SWEEPS.iter().flat_map(|s| s.workloads))
            .filter(|w| w.python)
            .map(|w| (w.group.to_string(), w.variant.to_string()))
            .collect();
        assert_eq!(in_script, declared);
        assert_eq!(
            python_benchmarks("@benchmark(\"g\", \"v\")\ndef _():\n"),
            BTreeSet::from([("g".to_string(), "v".to_string())])
        );
    }
}
