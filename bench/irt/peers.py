"""Run the Python peers (catsim, girth) on the shared data set; print one JSON object.

  peers.py cat DATA [--length 20]     catsim: ML estimation (bounded search, Dodd's heuristic for
                                      constant patterns), maximum information, fixed start at 0
  peers.py calibrate DATA --model M   girth: twopl_mml / threepl_mml with default options
"""
import argparse
import json
import time

import numpy as np


def read_bank(path):
    return np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)


def read_thetas(path):
    return np.loadtxt(path, skiprows=1, ndmin=1)


def read_matrix(path):
    with open(path) as f:
        rows = [line.strip() for line in f if line.strip()]
    return np.array([[ch == "1" for ch in row] for row in rows], dtype=bool)


def information(items, theta):
    a, b, c = items[..., 0], items[..., 1], items[..., 2]
    p_star = 1 / (1 + np.exp(-a * (theta - b)))
    p = c + (1 - c) * p_star
    return a**2 * (1 - c) * (1 - p_star) * p_star**2 / p


def run_cat(data, length):
    from catsim.estimation import NumericalSearchEstimator
    from catsim.initialization import FixedPointInitializer
    from catsim.selection import MaxInfoSelector
    from catsim.simulation import Simulator
    from catsim.stopping import TestLengthStopper

    items = read_bank(f"{data}/cat_bank.csv")
    thetas = read_thetas(f"{data}/cat_thetas.txt")
    answers = read_matrix(f"{data}/cat_responses.txt")

    class RecordingSelector(MaxInfoSelector):
        """Maximum information, remembering the last (simulee, item) pair it chose."""

        last = (0, 0)

        def select(self, index=None, **kwargs):
            item = super().select(index=index, **kwargs)
            self.last = (index, item)
            return item

    selector = RecordingSelector()

    class FixedAnswers:
        """Stands in for the simulator's random generator: catsim scores a response correct when
        icc >= uniform(), so returning 0 or 2 replays the shared response matrix exactly."""

        def uniform(self, *args, **kwargs):
            simulee, item = selector.last
            return 0.0 if answers[simulee, item] else 2.0

    sim = Simulator(items, thetas)
    sim._Simulator__rng = FixedAnswers()  # catsim keeps its generator in a private attribute
    start = time.perf_counter()
    sim.simulate(
        initializer=FixedPointInitializer(0.0),
        selector=selector,
        estimator=NumericalSearchEstimator(),
        stopper=TestLengthStopper(max_items=length),
    )
    seconds = time.perf_counter() - start
    estimates = np.array(sim.latest_estimations)
    errors = estimates - thetas
    info = [information(items[adm], theta).sum() for adm, theta in zip(sim.administered_items, thetas)]
    counts = np.bincount(np.concatenate(sim.administered_items), minlength=len(items))
    return {
        "engine": "catsim",
        "examinees": len(thetas),
        "items": len(items),
        "length": length,
        "theta_rmse": float(np.sqrt(np.mean(errors**2))),
        "theta_bias": float(np.mean(errors)),
        "rmse_floor": float(1 / np.sqrt(np.mean(info))),
        "max_exposure": float(counts.max() / len(thetas)),
        "seconds": seconds,
    }


def run_calibrate(data, model):
    from girth import threepl_mml, twopl_mml

    items = read_bank(f"{data}/calib_{model}_bank.csv")
    answers = read_matrix(f"{data}/calib_{model}_responses.txt")
    dataset = answers.T.astype(int)  # girth wants items x persons
    start = time.perf_counter()
    estimates = (twopl_mml if model == "2pl" else threepl_mml)(dataset)
    seconds = time.perf_counter() - start
    a = np.asarray(estimates["Discrimination"], dtype=float)
    b = np.asarray(estimates["Difficulty"], dtype=float)
    result = {
        "engine": "girth",
        "model": model,
        "items": len(items),
        "examinees": answers.shape[0],
        "rmse_a": float(np.sqrt(np.mean((a - items[:, 0]) ** 2))),
        "rmse_b": float(np.sqrt(np.mean((b - items[:, 1]) ** 2))),
        "bias_b": float(np.mean(b - items[:, 1])),
        "seconds": seconds,
    }
    if model == "3pl":
        c = np.asarray(estimates["Guessing"], dtype=float)
        result["rmse_c"] = float(np.sqrt(np.mean((c - items[:, 2]) ** 2)))
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["cat", "calibrate"])
    parser.add_argument("data")
    parser.add_argument("--length", type=int, default=20)
    parser.add_argument("--model", choices=["2pl", "3pl"], default="2pl")
    args = parser.parse_args()
    if args.command == "cat":
        result = run_cat(args.data, args.length)
    else:
        result = run_calibrate(args.data, args.model)
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
