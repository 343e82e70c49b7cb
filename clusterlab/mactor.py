"""Phase III's strategic analysis of actors (Godet's MACTOR): influences, balance of power, positions.

Plain computations over two matrices, each a DataFrame:

- `mid`, the direct influences: actors down the index and across the columns (the same ids in the same
  order), 0 none, 1 operating processes, 2 projects, 3 missions, 4 existence; the diagonal is ignored;
- `mao2`, the valued positions: actors down the index, objectives across the columns, −4…+4 (the sign for
  or against, the size how deeply the objective touches the actor).

The formulas, as the page states them:

- MIDI_ij = MID_ij + Σ_{k≠i,j} min(MID_ik, MID_kj) for i ≠ j; MIDI_ii = Σ_{k≠i} min(MID_ik, MID_ki);
- M_i = Σ_{j≠i} MIDI_ij (influence), D_i = Σ_{j≠i} MIDI_ji (dependence);
- r_i = ((M_i − MIDI_ii) / Σ_k M_k) × (M_i / (M_i + D_i)), r*_i = n · r_i / Σ_k r_k (0 when M_i + D_i = 0);
- 1MAO = sign(2MAO), 3MAO_ij = 2MAO_ij × r*_i;
- mobilisation of an objective: the sum of its positive and of its negative cells;
- convergence CAA_ik = Σ_j (|P_ij| + |P_kj|) / 2 over the objectives both hold with the same sign, divergence
  DAA_ik the same over those they hold with opposite signs (with 1MAO, a count of objectives).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

MID_RANGE = (0, 4)
MAO_RANGE = (-4, 4)
QUADRANTS = ("dominant", "relay", "dominated", "autonomous")


def _square(mid: pd.DataFrame) -> np.ndarray:
    """The influences as a float matrix with a zero diagonal; refuses a matrix that is not square."""
    if list(mid.index) != list(mid.columns):
        raise ValueError("the influence matrix must list the same actors, in the same order, down and across")
    values = mid.to_numpy(dtype=float, na_value=0.0).copy()
    np.fill_diagonal(values, 0.0)
    return values


def midi(mid: pd.DataFrame) -> pd.DataFrame:
    """Direct and indirect influences (MIDI), same layout as `mid`.

    With a zero diagonal, min(MID_ii, MID_ij) and min(MID_ij, MID_jj) are 0, so the sum over every k equals
    the sum over k ≠ i, j; on the diagonal it is the retroaction Σ_k min(MID_ik, MID_ki)."""
    direct = _square(mid)
    indirect = np.minimum(direct[:, :, None], direct[None, :, :]).sum(axis=1)
    return pd.DataFrame(direct + indirect, index=mid.index, columns=mid.columns)


def balance(mid: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: influence M, dependence D, retroaction MIDI_ii, the balance of power r and its
    normalised r* (mean 1 over the actors), and the quadrant of the influence–dependence plane."""
    full = midi(mid).to_numpy()
    retroaction = np.diag(full).copy()
    off = full - np.diag(retroaction)
    influence, dependence = off.sum(axis=1), off.sum(axis=0)
    total = influence.sum()
    r = np.zeros(len(influence))
    moved = (influence + dependence) > 0
    if total:
        r[moved] = ((influence[moved] - retroaction[moved]) / total
                    * influence[moved] / (influence[moved] + dependence[moved]))
    r_sum = r.sum()
    r_star = len(r) * r / r_sum if r_sum else np.zeros(len(r))
    return pd.DataFrame({
        "actor_id": list(mid.index), "influence": influence, "dependence": dependence,
        "retroaction": retroaction, "r": r, "r_star": r_star,
        "quadrant": quadrants(pd.Series(influence), pd.Series(dependence)).to_numpy(),
    })


def quadrants(influence: pd.Series, dependence: pd.Series) -> pd.Series:
    """The quadrant of each actor in the influence–dependence plane, split at the means: dominant (strong
    influence, weak dependence), relay (both strong), dominated (weak influence, strong dependence),
    autonomous (both weak)."""
    strong = influence >= influence.mean()
    dependent = dependence >= dependence.mean()
    return pd.Series(np.select([strong & ~dependent, strong & dependent, ~strong & dependent],
                               ["dominant", "relay", "dominated"], "autonomous"), index=influence.index)


def mao1(mao2: pd.DataFrame) -> pd.DataFrame:
    """The simple positions: +1 for, −1 against, 0 neutral."""
    return np.sign(mao2.fillna(0).astype(float))


def mao3(mao2: pd.DataFrame, r_star: pd.Series) -> pd.DataFrame:
    """The positions weighted by each actor's balance of power: 3MAO_ij = 2MAO_ij × r*_i (`r_star` by actor)."""
    weights = r_star.reindex(mao2.index).fillna(0.0).astype(float)
    return mao2.fillna(0).astype(float).mul(weights, axis=0)


def mobilisation(mao: pd.DataFrame) -> pd.DataFrame:
    """One row per objective: the sum of the positive cells (for) and of the negative cells (against)."""
    values = mao.fillna(0).astype(float)
    return pd.DataFrame({"objective_id": list(values.columns),
                         "for": values.clip(lower=0).sum(axis=0).to_numpy(),
                         "against": values.clip(upper=0).sum(axis=0).to_numpy()})


def convergences(mao: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of actors (in the order of `itertools.combinations`): CAA (convergence) and DAA
    (divergence) over the objectives both hold."""
    values = mao.fillna(0).astype(float).to_numpy()
    ids = list(mao.index)
    size, sign = np.abs(values), np.sign(values)
    product = sign[:, None, :] * sign[None, :, :]  # > 0 same sign, < 0 opposite, 0 when either is neutral
    weight = (size[:, None, :] + size[None, :, :]) / 2
    caa, daa = (weight * (product > 0)).sum(axis=2), (weight * (product < 0)).sum(axis=2)
    i, k = np.triu_indices(len(ids), 1)
    return pd.DataFrame({"actor_a": [ids[x] for x in i], "actor_b": [ids[x] for x in k],
                         "caa": caa[i, k].astype(float), "daa": daa[i, k].astype(float)},
                        columns=["actor_a", "actor_b", "caa", "daa"])


def pairs(mao2: pd.DataFrame, r_star: pd.Series) -> pd.DataFrame:
    """Convergences and divergences of every pair for 1MAO, 2MAO and 3MAO side by side (caa1 … daa3)."""
    table = None
    for n, matrix in ((1, mao1(mao2)), (2, mao2), (3, mao3(mao2, r_star))):
        one = convergences(matrix).rename(columns={"caa": f"caa{n}", "daa": f"daa{n}"})
        table = one if table is None else table.merge(one, on=["actor_a", "actor_b"])
    return table[["actor_a", "actor_b", "caa1", "caa2", "caa3", "daa1", "daa2", "daa3"]]
