package representations

// Result is the outcome of a representations run.
type Result struct {
	Spec Spec `json:"spec"`
	// SVCCA is the result of model svcca.
	SVCCA *SVCCAResult `json:"svcca,omitempty"`
	// MHE is the result of model mhe.
	MHE *MHEResult `json:"mhe,omitempty"`
	// FoRDE is the result of model forde.
	FoRDE *FoRDEResult `json:"forde,omitempty"`
}

// Point is the outcome of one sweep point: one seed's network.
type Point struct {
	Index int `json:"index"`
	// SVCCA is the point of model svcca.
	SVCCA *SVCCAPoint `json:"svcca,omitempty"`
	// MHE is the point of model mhe.
	MHE *MHEPoint `json:"mhe,omitempty"`
	// FoRDE is the point of model forde.
	FoRDE *FoRDEPoint `json:"forde,omitempty"`
}

// FoRDEPoint is one ensemble of Members tanh networks: a deep ensemble
// (Method "de", members trained independently) or FoRDE ("forde"), from
// the same initialisations and batches.
type FoRDEPoint struct {
	Method string `json:"method"`
	Seed   uint64 `json:"seed"`
	// Accuracy is the ensemble's test accuracy (the argmax of the mean
	// softmax); MemberAccuracy the members' mean test accuracy.
	Accuracy       float64 `json:"accuracy"`
	MemberAccuracy float64 `json:"member_accuracy"`
	// Cosine is the mean over training points and member pairs of the
	// cosine between two members' input gradients ∇ₓf_y (y the label).
	Cosine float64 `json:"cosine"`
	// OOD is the mean mutual information (epistemic uncertainty, nats)
	// over OODPoints points on a ring of 3× the data's radius.
	OOD float64 `json:"ood"`
	// Map is the first seed's picture of the plane (nil for the others).
	Map *EnsembleMap `json:"map,omitempty"`
}

// EnsembleMap is an ensemble over a GridSize×GridSize grid on
// [−Extent, Extent]², row by row from the bottom (y = −Extent) and left.
type EnsembleMap struct {
	Extent float64 `json:"extent"`
	// Entropy is the predictive entropy H[p̄] and Mutual the mutual
	// information H[p̄] − mean H[p_m], in nats, per grid point.
	Entropy []float64 `json:"entropy"`
	Mutual  []float64 `json:"mutual"`
	// Decisions holds each member's predicted class per grid point.
	Decisions [][]int `json:"decisions"`
}

// EnsembleStats are means over seeds, with the per-seed values.
type EnsembleStats struct {
	Accuracy       float64   `json:"accuracy"`
	MemberAccuracy float64   `json:"member_accuracy"`
	Cosine         float64   `json:"cosine"`
	OOD            float64   `json:"ood"`
	Cosines        []float64 `json:"cosines"`
	Accuracies     []float64 `json:"accuracies"`
}

// FoRDEResult compares the two ensembles.
type FoRDEResult struct {
	DE    EnsembleStats `json:"de"`
	FoRDE EnsembleStats `json:"forde"`
	// Reduction is 1 − FoRDE.Cosine / DE.Cosine: how much less alike the
	// members' input gradients are with the repulsion.
	Reduction float64 `json:"reduction"`
	// MapDE and MapFoRDE picture the first seed's ensembles.
	MapDE    EnsembleMap `json:"map_de"`
	MapFoRDE EnsembleMap `json:"map_forde"`
	// Points are the training data (x, y, label), for the pictures.
	Points []float64 `json:"points"`
}

// MHEPoint is one network trained with the MHE penalty λ·E_s on its first
// layer's units ŵᵢ = (wᵢ, bᵢ)/‖(wᵢ, bᵢ)‖, on the sphere S^d (d the input
// dimension).
type MHEPoint struct {
	Lambda float64 `json:"lambda"`
	Seed   uint64  `json:"seed"`
	// Initial and Energy are E_s (the spec's s and variant) at
	// initialisation and after training.
	Initial float64 `json:"initial"`
	Energy  float64 `json:"energy"`
	// MinAngle is the smallest angle between two units, in degrees;
	// Duplicates the fraction of pairs with |cos| > 0.9.
	MinAngle   float64 `json:"min_angle"`
	Duplicates float64 `json:"duplicates"`
	// Loss and Accuracy are the final mean training loss (without the
	// penalty) and accuracy on the whole training set.
	Loss     float64 `json:"loss"`
	Accuracy float64 `json:"accuracy"`
	// Units holds the N unit vectors ŵᵢ as rows (N×(d+1), row-major).
	Units []float64 `json:"units"`
}

// MHEResult gathers the λ sweep: per λ, means over seeds.
type MHEResult struct {
	Lambdas    []float64 `json:"lambdas"`
	Energy     []float64 `json:"energy"`
	MinAngle   []float64 `json:"min_angle"`
	Duplicates []float64 `json:"duplicates"`
	Accuracy   []float64 `json:"accuracy"`
	// Initial is the mean energy at initialisation (the same networks at
	// every λ).
	Initial float64 `json:"initial"`
	// EnergySeeds holds per λ (rows) each seed's energy.
	EnergySeeds [][]float64 `json:"energy_seeds"`
	// Dim is d+1, the length of a unit vector; Units0 and UnitsMax are the
	// first seed's units at λ = 0 and at the largest λ.
	Dim      int       `json:"dim"`
	Units0   []float64 `json:"units0"`
	UnitsMax []float64 `json:"units_max"`
	// Minimum is the least possible energy where it is known: the Thomson
	// minimum for s = 1 on S² (ThomsonEnergy), E_s of the regular simplex
	// for N ≤ d+1 (without the half space), else 0.
	Minimum float64 `json:"minimum"`
	// Monotone reports whether the mean energy falls at every step up in λ.
	Monotone bool `json:"monotone"`
}

// ThomsonEnergy holds the least Coulomb energy Σ_{i<j} 1/‖uᵢ − uⱼ‖ of N
// points on the unit sphere S², N = 2 … 12 (the Thomson problem; values
// of Wales & Ulker, Phys. Rev. B 74, 212101, 2006). N = 12 is the
// icosahedron.
var ThomsonEnergy = map[int]float64{
	2: 0.500000000, 3: 1.732050808, 4: 3.674234614, 5: 6.474691495, 6: 9.985281374,
	7: 14.452977414, 8: 19.675287861, 9: 25.759986531, 10: 32.716949460, 11: 40.596450510, 12: 49.165253058,
}

// SVCCAPoint is one network's training: its snapshots and the SVCCA
// similarity of each layer's probe activations to its final ones.
type SVCCAPoint struct {
	Seed uint64 `json:"seed"`
	// Steps are the snapshot steps (Spec.SnapshotSteps).
	Steps []int `json:"steps"`
	// Loss and Accuracy are the mean training-batch loss and accuracy of
	// the Every steps before each snapshot (at step 0: of the first batch
	// at initialisation).
	Loss     []float64 `json:"loss"`
	Accuracy []float64 `json:"accuracy"`
	// Layers holds one trace per hidden layer, first to last.
	Layers []LayerTrace `json:"layers"`
	// Grids holds the layer × layer similarity at GridTimes snapshots.
	Grids []Grid `json:"grids"`
}

// LayerTrace is one hidden layer's convergence.
type LayerTrace struct {
	Layer int `json:"layer"` // 1 = first hidden layer
	// Similarity holds SVCCA(h_l(t), h_l(T)) at every snapshot t: the mean
	// canonical correlation of the truncated representations.
	Similarity []float64 `json:"similarity"`
	// Distance is A_l, the mean over the snapshots before the last of
	// 1 − Similarity: how far the layer travels before settling.
	Distance float64 `json:"distance"`
	// T90 is the first snapshot step from which Similarity stays ≥ 0.9.
	T90 int `json:"t90"`
	// Directions is how many SVD directions keep Spec.Variance of the
	// layer's final variance; Neurons its width.
	Directions int `json:"directions"`
	Neurons    int `json:"neurons"`
	// Rho are the canonical correlations, descending, between the layer's
	// representation at initialisation (step 0) and its final one, both
	// truncated; Null is the root-mean-square canonical correlation of two
	// independent representations of the same truncated sizes,
	// √(max(p, q)/(N−1)) (from E Σρ² = pq/(N−1)).
	Rho  []float64 `json:"rho"`
	Null float64   `json:"null"`
}

// Grid is the SVCCA similarity of every layer i at one snapshot step with
// every layer j of the final network: Sim[i][j] = SVCCA(h_i(t), h_j(T)).
type Grid struct {
	Step int         `json:"step"`
	Sim  [][]float64 `json:"sim"`
}

// SVCCAResult gathers the seeds.
type SVCCAResult struct {
	Steps []int `json:"steps"`
	// Mean holds, per hidden layer, the mean over seeds of its similarity
	// to its final self at each snapshot.
	Mean [][]float64 `json:"mean"`
	// Distance and T90 hold per seed (rows) and layer (columns) the A_l and
	// t90 of LayerTrace.
	Distance [][]float64 `json:"distance"`
	T90      [][]int     `json:"t90"`
	// MeanDistance is the mean over seeds of Distance, per layer.
	MeanDistance []float64 `json:"mean_distance"`
	// Spearman is the mean over seeds of the Spearman rank correlation of
	// layer depth with t90 (ties share their mean rank).
	Spearman float64 `json:"spearman"`
	// BottomUp counts the seeds whose A_l increase with depth (allowing
	// TopTie at the top layer).
	BottomUp int `json:"bottom_up"`
	// First is the first seed's network, in full: its loss curve, layer
	// traces and grids.
	First SVCCAPoint `json:"first"`
}

// TopTie is how far the top layer's A_L may fall below A_{L−1} while the
// seed still counts as converging bottom up: the top two layers of a small
// MLP settle nearly together.
const TopTie = 0.015
