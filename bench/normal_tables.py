#!/usr/bin/env python3
"""NORMAL's results tables: the HPS LeNet bench beside NORMAL and its ablations, per dataset.

Reads the bench directories that docs/normal.md's commands write (RUNS/DATASET-lenet,
RUNS/DATASET-normal, ...) and writes OUT/normal-DATASET.md and .csv. Every number comes from the
benches' summary.json, the runs' result.json (final positions, family distances) and config.json
(parameter counts). A run written before config.json recorded "parameters" gets its count from a
one-step `multigrad train` of the same model (MULTIGRAD must name the launcher).

    python3 bench/normal_tables.py --runs runs/normal --out docs/results
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

DATASETS = ["multi-mnist", "multi-fashion", "fashion-ovr"]
HPS = ["mean", "uw", "gradnorm", "mgda", "pcgrad", "imtl-g", "cagrad", "nash-mtl"]
VARIANTS = [
    ("NORMAL (learned p, heavy-ball)", "normal"),
    ("NORMAL, p = e^v", "normal-exp"),
    ("NORMAL, first-order NODE", "normal-first-order"),
    ("NORMAL, shared constant p = 1", "normal-shared-p1"),
    ("HPS + extra shared layers", "lenet-shared-layers"),
    ("HPS + extra task layers", "lenet-task-layers"),
]


def load(path):
    with open(path) as f:
        return json.load(f)


def mean_std(values):
    values = list(values)
    return statistics.fmean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)


def fmt(pair, scale=1.0, digits=2, sign=False):
    m, s = pair
    return ("%+.*f" if sign else "%.*f") % (digits, m * scale) + " ± %.*f" % (digits, s * scale)


_counts = {}


def parameters(run_dir, dataset, model, model_params):
    config = load(os.path.join(run_dir, "config.json"))
    if "parameters" in config:
        return config["parameters"]
    key = (dataset, model, tuple(sorted(model_params.items())))
    if key not in _counts:
        launcher = os.environ.get("MULTIGRAD", "./multigrad")
        with tempfile.TemporaryDirectory() as tmp:
            command = [launcher, "train", "--dataset", dataset, "--model", model, "--methods", "mean", "--epochs", "1",
                       "--batch-size", "64", "--train-limit", "64", "--test-limit", "64", "--quiet", "--no-plot",
                       "--out", os.path.join(tmp, "run")]
            for k, v in model_params.items():
                command += ["-p", "%s=%s" % (k, v)]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _counts[key] = load(os.path.join(tmp, "run", "config.json"))["parameters"]
    return _counts[key]


def rows(runs, dataset):
    """(label, per-run records) for every HPS method and every NORMAL variant of the dataset."""
    out = []
    hps_dir = os.path.join(runs, dataset + "-lenet")
    hps = load(os.path.join(hps_dir, "summary.json"))
    for method in HPS:
        out.append(("HPS + " + ("EW (mean)" if method == "mean" else method), hps_dir, method, "lenet", {}))
    for label, suffix in VARIANTS:
        directory = os.path.join(runs, dataset + "-" + suffix)
        summary = load(os.path.join(directory, "summary.json"))
        settings = summary["settings"]
        model_params = {k: v for k, v in settings["params"].items()
                        if k in ("ode", "ode-step", "ode-xi", "positions", "position-lr")}
        out.append((label + " + EW", directory, "mean", settings["model"], model_params))
    return hps, out


def table(runs, dataset):
    hps, planned = rows(runs, dataset)
    settings = hps["settings"]
    single = next(m for m in hps["methods"] if m["method"] == "mean")["single_task_accuracy"]
    tasks = len(single)
    records = []
    for label, directory, method, model, model_params in planned:
        per_seed = []
        for seed in settings["seeds"]:
            run = os.path.join(directory, method, "seed-%d" % seed)
            result = load(os.path.join(run, "result.json"))
            accuracy = [t["test_accuracy"] for t in result["tasks"]]
            if abs(result["single_task_accuracy"][0] - single[0]) > 1e-12:
                sys.exit("%s: its single-task baselines are not %s's" % (run, hps_dir_name(runs, dataset)))
            per_seed.append({
                "accuracy": accuracy,
                "delta_m": result["delta_m_percent"],
                "ms": result["time_per_step_ms"]["total"],
                "positions": result.get("positions"),
                "within": result.get("position_distance_within_families"),
                "between": result.get("position_distance_between_families"),
            })
        records.append({
            "label": label, "model": model, "model_params": model_params, "directory": directory,
            "parameters": parameters(os.path.join(directory, method, "seed-%d" % settings["seeds"][0]), dataset, model,
                                     model_params),
            "runs": per_seed,
        })
    return settings, single, tasks, records


def hps_dir_name(runs, dataset):
    return os.path.join(runs, dataset + "-lenet")


def write(runs, out, dataset):
    settings, single, tasks, records = table(runs, dataset)
    base = records[0]["parameters"]
    many = tasks > 2
    head = "| configuration | " + ("avg acc % | worst task acc % | " if many else
                                   " | ".join("task %d acc %%" % (t + 1) for t in range(tasks)) + " | ")
    head += "Δm% | ms/step | parameters | final positions p_i |"
    if many:
        head += " within / between families |"
    md = [head, "|" + "---|" * (head.count("|") - 1)]
    single_row = "| single-task (LeNet) | "
    if many:
        single_row += "%.2f | %.2f | " % (100 * statistics.fmean(single), 100 * min(single))
    else:
        single_row += " | ".join("%.2f" % (100 * a) for a in single) + " | "
    single_row += "0 | | | |" + (" |" if many else "")
    md.append(single_row)
    csv = ["configuration,model,model_params,runs," + ",".join("accuracy%d_mean,accuracy%d_std" % (t + 1, t + 1)
                                                               for t in range(tasks))
           + ",average_accuracy_mean,average_accuracy_std,delta_m_mean,delta_m_std,ms_per_step_mean,parameters,"
           + ",".join("p%d_mean" % (t + 1) for t in range(tasks))
           + ",within_families_mean,between_families_mean"]
    for record in records:
        runs_ = record["runs"]
        acc = [mean_std(r["accuracy"][t] for r in runs_) for t in range(tasks)]
        avg = mean_std(statistics.fmean(r["accuracy"]) for r in runs_)
        worst = mean_std(min(r["accuracy"]) for r in runs_)
        delta = mean_std(r["delta_m"] for r in runs_)
        ms = statistics.fmean(r["ms"] for r in runs_)
        extra = record["parameters"] - base
        params = "%d (%+.1f%%)" % (record["parameters"], 100.0 * extra / base) if extra else "%d" % record["parameters"]
        positions = None
        if runs_[0]["positions"] is not None:
            positions = [mean_std(r["positions"][t] for r in runs_) for t in range(tasks)]
        line = "| %s | " % record["label"]
        if many:
            line += "%s | %s | " % (fmt(avg, 100), fmt(worst, 100))
        else:
            line += " | ".join(fmt(a, 100) for a in acc) + " | "
        line += "%s | %.1f | %s | " % (fmt(delta, sign=True), ms, params)
        if positions is None:
            line += "– |"
        elif all(s == 0 for _, s in positions) and len({m for m, _ in positions}) == 1:
            line += "all %.3g (fixed) |" % positions[0][0]
        else:
            line += ", ".join("%.3f" % m for m, _ in positions) + " |"
        within = between = None
        if many:
            if runs_[0]["within"] is not None:
                within = mean_std(r["within"] for r in runs_)
                between = mean_std(r["between"] for r in runs_)
                line += " %.4f / %.4f |" % (within[0], between[0])
            else:
                line += " – |"
        md.append(line)
        csv.append(",".join([
            '"%s"' % record["label"], record["model"], '"%s"' % ";".join("%s=%s" % kv for kv in record["model_params"].items()),
            str(len(runs_))]
            + ["%.6f,%.6f" % a for a in acc] + ["%.6f,%.6f" % avg, "%.4f,%.4f" % delta, "%.4f" % ms,
                                                str(record["parameters"])]
            + [("%.6f" % positions[t][0]) if positions else "" for t in range(tasks)]
            + ["%.6f" % within[0] if within else "", "%.6f" % between[0] if between else ""]))
    md.append("")
    md.append("%s, %d epoch(s), batch %d, %s lr %s, seeds %s; accuracy: test accuracy after the last epoch, mean ± "
              "sample std over the seeds; Δm%%: LibMTL's, against the LeNet single-task baselines of %s (every row "
              "uses the same ones); parameters: every trained weight (trunk, ODE block, heads; positions not "
              "counted), in brackets the difference from HPS LeNet; final positions: mean over the seeds."
              % (dataset, settings["epochs"], settings["batch_size"], settings["optimizer"], settings["lr"],
                 ",".join(str(s) for s in settings["seeds"]), hps_dir_name(runs, dataset)))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "normal-%s.md" % dataset), "w") as f:
        f.write("\n".join(md) + "\n")
    with open(os.path.join(out, "normal-%s.csv" % dataset), "w") as f:
        f.write("\n".join(csv) + "\n")
    print("wrote %s/normal-%s.md and .csv" % (out, dataset))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", default="runs/normal", help="the benches' parent directory")
    parser.add_argument("--out", default="docs/results", help="where the tables go")
    parser.add_argument("--datasets", default=",".join(DATASETS))
    args = parser.parse_args()
    for dataset in args.datasets.split(","):
        write(args.runs, args.out, dataset)


if __name__ == "__main__":
    main()
