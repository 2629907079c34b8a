"""The training runs, the stored learning-rate study and their figures, under the one name the notebooks use.

Each job lives in its own module: ``runs`` (seeded runs and how they ended),
``study`` (the section 5.2 study: computing, storing, tables) and
``run_plots`` (figures). ``from d2lplus import experiments`` keeps the pages short.
"""

from .run_plots import plot_linear_regression_run, plot_lr_study, plot_mlp_run
from .runs import (
    BLOWUP,
    EXPLODED,
    STUDY_EPOCHS,
    TRUE_B,
    TRUE_W,
    linear_regression_run,
    mlp_run,
    run_diverged,
    run_outcome,
)
from .study import (
    LR_STUDY,
    STUDY_RESOURCE,
    check_study,
    checkout_study_path,
    epochs_to_reach,
    final_accuracy_table,
    load_lr_study,
    lr_study,
    lr_study_table,
    main,
    save_lr_study,
    study_path,
    study_run,
)

__all__ = [
    "BLOWUP", "EXPLODED", "LR_STUDY", "STUDY_EPOCHS", "STUDY_RESOURCE", "TRUE_B", "TRUE_W", "check_study",
    "checkout_study_path", "epochs_to_reach", "final_accuracy_table", "linear_regression_run", "load_lr_study",
    "lr_study", "lr_study_table", "main", "mlp_run", "plot_linear_regression_run", "plot_lr_study", "plot_mlp_run",
    "run_diverged", "run_outcome", "save_lr_study", "study_path", "study_run",
]
