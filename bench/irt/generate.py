"""Generate the one shared data set of the IRT benchmark.

Every engine (genta's Swift IRT module, catsim, girth) reads these files, so all of them meet the
same bank, the same simulees and the same responses. The CAT responses are a complete
simulee x item matrix drawn once from the 3PL, so an item gets the same answer from a simulee
whichever engine administers it.

Distributions match genta's defaults: log a ~ N(log 1.2, 0.25^2), b ~ N(0, 1),
c ~ U(0.10, 0.25) (3PL; 0 for 2PL), theta ~ N(0, 1).
"""
import argparse
import os

import numpy as np


def bank(rng, n, three_pl):
    a = np.exp(np.log(1.2) + 0.25 * rng.standard_normal(n))
    b = rng.standard_normal(n)
    c = rng.uniform(0.10, 0.25, n) if three_pl else np.zeros(n)
    return np.column_stack([a, b, c])


def responses(rng, items, thetas):
    a, b, c = items[:, 0], items[:, 1], items[:, 2]
    p = c + (1 - c) / (1 + np.exp(-a * (thetas[:, None] - b)))
    return rng.uniform(size=p.shape) < p


def write_bank(path, items):
    with open(path, "w") as f:
        f.write("a,b,c\n")
        for a, b, c in items:
            f.write(f"{a!r},{b!r},{c!r}\n")


def write_thetas(path, thetas):
    with open(path, "w") as f:
        f.write("theta\n")
        for t in thetas:
            f.write(f"{t!r}\n")


def write_matrix(path, matrix):
    with open(path, "w") as f:
        for row in matrix:
            f.write("".join("1" if x else "0" for x in row))
            f.write("\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--cat-items", type=int, default=500)
    parser.add_argument("--cat-examinees", type=int, default=1000)
    parser.add_argument("--calib-items", type=int, default=100)
    parser.add_argument("--calib-examinees", type=int, default=10000)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)

    cat_bank = bank(rng, args.cat_items, True)
    cat_thetas = rng.standard_normal(args.cat_examinees)
    write_bank(f"{args.out}/cat_bank.csv", cat_bank)
    write_thetas(f"{args.out}/cat_thetas.txt", cat_thetas)
    write_matrix(f"{args.out}/cat_responses.txt", responses(rng, cat_bank, cat_thetas))

    thetas = rng.standard_normal(args.calib_examinees)
    write_thetas(f"{args.out}/calib_thetas.txt", thetas)
    for model, three_pl in (("2pl", False), ("3pl", True)):
        items = bank(rng, args.calib_items, three_pl)
        write_bank(f"{args.out}/calib_{model}_bank.csv", items)
        write_matrix(f"{args.out}/calib_{model}_responses.txt", responses(rng, items, thetas))


if __name__ == "__main__":
    main()
