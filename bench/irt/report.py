"""Print the IRT benchmark table (Markdown) from the JSON results in a directory.

Expects: swift_cat.json, catsim.json, swift_cat_sequential.json, swift_2pl.json, girth_2pl.json,
swift_3pl.json, girth_3pl.json, swift_sparse.json, swift_updates.json (missing files are skipped).
"""
import json
import os
import sys


def load(directory, name):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def f3(x):
    return "–" if x is None else f"{x:.3f}"


def seconds(x):
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"


def main():
    d = sys.argv[1]
    rows = []
    header = "| case | engine | RMSE | bias | seconds | Swift vs peer |"
    rule = "|---|---|---|---|---:|---|"

    cat, peer, seq = load(d, "swift_cat.json"), load(d, "catsim.json"), load(d, "swift_cat_sequential.json")
    label = "CAT 500 items × 1,000 simulees × 20"
    if cat:
        label = f"CAT {cat['items']} items × {cat['examinees']:,} simulees × {cat['length']}"
    if peer:
        rows.append(f"| {label} | catsim (ML, max info, start 0) | θ {f3(peer['theta_rmse'])} (floor {f3(peer['rmse_floor'])}, max exposure {peer['max_exposure']:.2f}) | {f3(peer['theta_bias'])} | {seconds(peer['seconds'])} | |")
    for result, name in ((cat, "genta (EAP, max info, prior N(0,1))"), (seq, "genta (sequential update)")):
        if not result:
            continue
        ratio = ""
        if peer:
            ratio = f"{peer['seconds'] / result['seconds']:.0f}× faster; RMSE {result['theta_rmse'] / peer['theta_rmse']:.3f}× catsim's"
        rows.append(f"| {label} | {name} | θ {f3(result['theta_rmse'])} (floor {f3(result['rmse_floor'])}, {result['theta_rmse'] / result['rmse_floor']:.3f}× floor, max exposure {result['max_exposure']:.2f}) | {f3(result['theta_bias'])} | {seconds(result['seconds'])} | {ratio} |")

    for model in ("2pl", "3pl"):
        swift, girth = load(d, f"swift_{model}.json"), load(d, f"girth_{model}.json")
        ref = swift or girth
        if not ref:
            continue
        label = f"Calibration {model.upper()} {ref['items']} items × {ref['examinees']:,} (complete)"

        def params(r):
            text = f"a {f3(r['rmse_a'])}, b {f3(r['rmse_b'])}"
            if r.get("rmse_c") is not None:
                text += f", c {f3(r['rmse_c'])}"
            return text

        if girth:
            rows.append(f"| {label} | girth ({'twopl_mml' if model == '2pl' else 'threepl_mml'}) | {params(girth)} | b {f3(girth['bias_b'])} | {seconds(girth['seconds'])} | |")
        if swift:
            ratio = ""
            if girth:
                keys = ["rmse_a", "rmse_b"] + (["rmse_c"] if model == "3pl" else [])
                ratios = ", ".join(f"{k[5:]} {swift[k] / girth[k]:.2f}×" for k in keys)
                ratio = f"{girth['seconds'] / swift['seconds']:.0f}× faster; RMSE {ratios} girth's"
            rows.append(f"| {label} | genta (MML-EM, {swift['iterations']} iterations, converged {str(swift['converged']).lower()}) | {params(swift)} | b {f3(swift['bias_b'])} | {seconds(swift['seconds'])} | {ratio} |")

    sparse = load(d, "swift_sparse.json")
    if sparse:
        per = sparse["responses"] // max(sparse["examinees"], 1)
        rows.append(f"| Sparse {sparse['model'].upper()} {sparse['items']:,} items × {sparse['examinees']:,} × {per} each | genta (MML-EM, {sparse['iterations']} iterations, converged {str(sparse['converged']).lower()}) | a {f3(sparse['rmse_a'])}, b {f3(sparse['rmse_b'])}, c {f3(sparse.get('rmse_c'))} over {sparse['items_evaluated']} items with ≥ {sparse['report_min_responses']} responses | b {f3(sparse['bias_b'])} | {seconds(sparse['seconds'])} | Swift only |")

    updates = load(d, "swift_updates.json")
    if updates:
        rows.append(f"| Sequential ability update | genta | – | – | {seconds(updates['seconds'])} for {updates['updates']:,} | {updates['updates_per_second'] / 1e6:.2f} M updates/s (one core) |")

    print(header)
    print(rule)
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
