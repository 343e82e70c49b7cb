"""MACTOR's formulas (clusterlab/mactor.py), each on a four-actor example computed by hand in the comments."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlab import mactor

ACTORS = ["A", "B", "C", "D"]
# Direct influences, row on column (the diagonal is ignored).
MID = pd.DataFrame([[0, 3, 2, 0],
                    [1, 0, 2, 1],
                    [0, 1, 0, 3],
                    [2, 0, 1, 0]], index=ACTORS, columns=ACTORS)
# By hand, MIDI_ij = MID_ij + Σ_{k≠i,j} min(MID_ik, MID_kj):
#   AB = 3 + min(2,1) [C] + min(0,0) [D] = 4     AC = 2 + min(3,2) [B] + 0 [D] = 4     AD = 0 + min(3,1) + min(2,3) = 3
#   BA = 1 + min(2,0) + min(1,2) = 2              BC = 2 + min(1,2) + min(1,1) = 4      BD = 1 + min(1,0) + min(2,3) = 3
#   CA = 0 + min(1,1) + min(3,2) = 3              CB = 1 + min(0,3) + min(3,0) = 1      CD = 3 + min(0,0) + min(1,1) = 4
#   DA = 2 + min(0,1) + min(1,0) = 2              DB = 0 + min(2,3) + min(1,1) = 3      DC = 1 + min(2,2) + min(0,2) = 3
# and the retroaction MIDI_ii = Σ_{k≠i} min(MID_ik, MID_ki):
#   AA = min(3,1) + min(2,0) + min(0,2) = 1   BB = min(1,3) + min(2,1) + min(1,0) = 2
#   CC = min(0,2) + min(1,2) + min(3,1) = 2   DD = min(2,0) + min(0,1) + min(1,3) = 1
MIDI = [[1, 4, 4, 3],
        [2, 2, 4, 3],
        [3, 1, 2, 4],
        [2, 3, 3, 1]]
# M = row sums off the diagonal, D = column sums off the diagonal; Σ M = Σ D = 36.
M = [11, 9, 8, 8]
D = [7, 8, 11, 10]
# r_i = ((M_i − MIDI_ii) / Σ M) × M_i / (M_i + D_i)
R = [(10 / 36) * (11 / 18), (7 / 36) * (9 / 17), (6 / 36) * (8 / 19), (7 / 36) * (8 / 18)]
R_STAR = [4 * r / sum(R) for r in R]

OBJECTIVES = ["O1", "O2", "O3"]
MAO2 = pd.DataFrame([[3, -2, 0],
                     [2, 1, -1],
                     [-1, 4, 0],
                     [0, -3, 2]], index=ACTORS, columns=OBJECTIVES)


def test_midi_adds_the_indirect_influences_through_a_third_actor():
    got = mactor.midi(MID)
    assert got.to_numpy().tolist() == MIDI
    assert list(got.index) == ACTORS and list(got.columns) == ACTORS


def test_the_diagonal_of_mid_is_ignored():
    noisy = MID.copy()
    for actor in ACTORS:
        noisy.loc[actor, actor] = 4
    assert mactor.midi(noisy).to_numpy().tolist() == MIDI


def test_influence_dependence_and_retroaction():
    got = mactor.balance(MID)
    assert got["influence"].tolist() == M
    assert got["dependence"].tolist() == D
    assert got["retroaction"].tolist() == [1, 2, 2, 1]


def test_balance_of_power_r_and_r_star():
    got = mactor.balance(MID)
    assert got["r"].tolist() == pytest.approx(R)
    assert got["r_star"].tolist() == pytest.approx(R_STAR)
    assert got["r_star"].sum() == pytest.approx(4)


def test_quadrants_split_at_the_means():
    # mean M = 9, mean D = 9: A (11, 7) and B (9, 8) dominate, C (8, 11) and D (8, 10) are dominated
    assert mactor.balance(MID)["quadrant"].tolist() == ["dominant", "dominant", "dominated", "dominated"]
    four = mactor.quadrants(pd.Series([5, 5, 1, 1]), pd.Series([1, 5, 5, 1]))
    assert four.tolist() == ["dominant", "relay", "dominated", "autonomous"]


def test_an_actor_with_no_influence_nor_dependence_weighs_zero():
    lone = pd.DataFrame(0, index=["A", "B", "Z"], columns=["A", "B", "Z"])
    lone.loc["A", "B"] = 2
    got = mactor.balance(lone).set_index("actor_id")
    assert got.loc["Z", "r"] == 0 and got.loc["Z", "r_star"] == 0
    # A: M = 2, D = 0, r = (2/2)·(2/2) = 1; B: M = 0, r = 0 → r*_A = 3·1/1
    assert got.loc["A", "r_star"] == pytest.approx(3)


def test_nothing_at_all_gives_zeros_not_nan():
    empty = pd.DataFrame(0, index=["A", "B"], columns=["A", "B"])
    got = mactor.balance(empty)
    assert got[["r", "r_star"]].to_numpy().tolist() == [[0, 0], [0, 0]]


def test_a_matrix_that_is_not_square_is_refused():
    with pytest.raises(ValueError):
        mactor.midi(MID.loc[:, ["A", "B", "C"]])


def test_mao1_is_the_sign_and_mao3_weighs_by_r_star():
    assert mactor.mao1(MAO2).to_numpy().tolist() == [[1, -1, 0], [1, 1, -1], [-1, 1, 0], [0, -1, 1]]
    r_star = pd.Series(R_STAR, index=ACTORS)
    got = mactor.mao3(MAO2, r_star)
    expected = [[v * R_STAR[i] for v in row] for i, row in enumerate(MAO2.to_numpy().tolist())]
    assert got.to_numpy().ravel().tolist() == pytest.approx(np.ravel(expected).tolist())


def test_mobilisation_sums_the_positive_and_the_negative_cells():
    got = mactor.mobilisation(MAO2).set_index("objective_id")
    # O1: 3 + 2 for, −1 against; O2: 1 + 4 for, −2 − 3 against; O3: 2 for, −1 against
    assert got.loc["O1"].tolist() == [5, -1]
    assert got.loc["O2"].tolist() == [5, -5]
    assert got.loc["O3"].tolist() == [2, -1]


def test_convergences_and_divergences_of_each_pair():
    got = mactor.pairs(MAO2, pd.Series(R_STAR, index=ACTORS)).set_index(["actor_a", "actor_b"])
    # A–B: O1 both for, (3 + 2)/2 = 2.5; O2 opposite, (2 + 1)/2 = 1.5; O3 A neutral
    assert got.loc[("A", "B"), ["caa1", "caa2", "daa1", "daa2"]].tolist() == [1, 2.5, 1, 1.5]
    # A–C: O1 opposite (3 + 1)/2 = 2, O2 opposite (2 + 4)/2 = 3
    assert got.loc[("A", "C"), ["caa1", "caa2", "daa1", "daa2"]].tolist() == [0, 0, 2, 5]
    # A–D: O2 both against, (2 + 3)/2 = 2.5
    assert got.loc[("A", "D"), ["caa1", "caa2", "daa1", "daa2"]].tolist() == [1, 2.5, 0, 0]
    # B–D: O2 opposite (1 + 3)/2 = 2, O3 opposite (1 + 2)/2 = 1.5
    assert got.loc[("B", "D"), ["caa1", "caa2", "daa1", "daa2"]].tolist() == [0, 0, 2, 3.5]
    # 3MAO: the same cells weighted by r*: A–B converges on O1 by (3 r*_A + 2 r*_B)/2
    a, b = R_STAR[0], R_STAR[1]
    assert got.loc[("A", "B"), "caa3"] == pytest.approx((3 * a + 2 * b) / 2)
    assert got.loc[("A", "B"), "daa3"] == pytest.approx((2 * a + 1 * b) / 2)
    assert len(got) == 6
