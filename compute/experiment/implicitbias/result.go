package implicitbias

// Result is the outcome of a run: the spec and the model's result.
type Result struct {
	Spec      Spec             `json:"spec"`
	Attention *AttentionResult `json:"attention,omitempty"`
	SSM       *SSMResult       `json:"ssm,omitempty"`
	Cogo      *CogoResult      `json:"cogo,omitempty"`
}

// Point is the outcome of one point of a run: one seed of the attention
// model.
type Point struct {
	Index     int            `json:"index"`
	Attention *AttentionSeed `json:"attention,omitempty"`
	SSM       *SSMRun        `json:"ssm,omitempty"`
	Cogo      *CogoRun       `json:"cogo,omitempty"`
}

// AttentionResult gathers the seeds of an attention run and their means.
type AttentionResult struct {
	// Seeds holds every seed's run, in order.
	Seeds []AttentionSeed `json:"seeds"`
	// Iters are the checkpoints (normalized-GD steps taken), shared by all
	// seeds; the Mean… series are means over seeds at each of them.
	Iters      []int     `json:"iters"`
	MeanCorrW  []float64 `json:"mean_corr_w"`
	MeanCorrKQ []float64 `json:"mean_corr_kq"`
	MeanCrossW []float64 `json:"mean_cross_w"`
	MeanCrossK []float64 `json:"mean_cross_kq"`
	MeanProbW  []float64 `json:"mean_prob_w"`
	MeanProbKQ []float64 `json:"mean_prob_kq"`
	// MinCorrW and MinCorrKQ are the smallest final matched correlations
	// over seeds; Separated counts the seeds whose matched correlations
	// both beat the crossed ones by at least SeparationMargin.
	MinCorrW  float64 `json:"min_corr_w"`
	MinCorrKQ float64 `json:"min_corr_kq"`
	Separated int     `json:"separated"`
	// LowerRank counts the seeds with rank(W^mm_*) < rank(W^mm_F).
	LowerRank int `json:"lower_rank"`
}

// SeparationMargin is how much a matched correlation must beat the crossed
// one for a seed to count in AttentionResult.Separated.
const SeparationMargin = 0.05

// AttentionSeed is one seed of the attention model: W trained by
// normalized GD, and K, Q (W = KQᵀ) trained the same way from the same
// data, compared at every checkpoint with the max-margin SVM solutions
// of the tokens they select at the end.
type AttentionSeed struct {
	Seed uint64 `json:"seed"`
	// Iters are the checkpoints, in steps taken.
	Iters []int `json:"iters"`
	// CorrW is corr(W_t, W^mm_F) and CorrKQ corr((KQᵀ)_t, W^mm_*), with
	// corr(A, B) = ⟨A, B⟩/(‖A‖‖B‖); CrossW is corr(W_t, W^mm_*) and
	// CrossKQ corr((KQᵀ)_t, W^mm_F), each SVM of the tokens that model
	// selects.
	CorrW   []float64 `json:"corr_w"`
	CorrKQ  []float64 `json:"corr_kq"`
	CrossW  []float64 `json:"cross_w"`
	CrossKQ []float64 `json:"cross_kq"`
	// ProbW and ProbKQ are the mean over sequences of the largest softmax
	// probability; NormW and NormKQ are ‖W_t‖_F and ‖(KQᵀ)_t‖_F; LossW and
	// LossKQ the mean logistic loss.
	ProbW  []float64 `json:"prob_w"`
	ProbKQ []float64 `json:"prob_kq"`
	NormW  []float64 `json:"norm_w"`
	NormKQ []float64 `json:"norm_kq"`
	LossW  []float64 `json:"loss_w"`
	LossKQ []float64 `json:"loss_kq"`
	// OptW and OptKQ count the sequences whose finally selected token is the
	// globally optimal one, argmax_t Y_i vᵀx_it (of N).
	OptW  int `json:"opt_w"`
	OptKQ int `json:"opt_kq"`
	// Fro is the Frobenius SVM of W's selected tokens, Nuc the nuclear-norm
	// SVM of KQᵀ's.
	Fro SVMSolution `json:"fro"`
	Nuc SVMSolution `json:"nuc"`
}

// SVMSolution describes a solution of the attention SVM,
// min ‖W‖ s.t. (x_{i,id_i} − x_it)ᵀ W z_i ≥ 1 for all t ≠ id_i.
type SVMSolution struct {
	// Norm is the solution's norm (Frobenius or nuclear), Singular its
	// singular values in decreasing order and Rank the number above
	// RankTolerance times the largest.
	Norm     float64   `json:"norm"`
	Singular []float64 `json:"singular"`
	Rank     int       `json:"rank"`
	// MinMargin is min_k ⟨A_k, W⟩, 1 at the optimum.
	MinMargin float64 `json:"min_margin"`
	// Gap is the certificate: for the Frobenius SVM the largest
	// complementary slackness |α_k(⟨A_k, W⟩ − 1)|, for the nuclear one the
	// relative duality gap (primal − dual)/primal.
	Gap float64 `json:"gap"`
	// Sweeps counts the solver's sweeps (Frobenius) or iterations (ADMM).
	Sweeps int `json:"sweeps"`
	// W is the solution, d×d row-major.
	W []float64 `json:"w"`
}

// RankTolerance is the relative size below which a singular value counts
// as zero in SVMSolution.Rank.
const RankTolerance = 1e-6

// SSMResult gathers the state sizes of an SSM run.
type SSMResult struct {
	// Sigma and Eta are the sufficient statistics of the training set, per
	// sample: σ = (1/M) Σ y g and η = (1/M) Σ g², g the response of one
	// unit state (Smékal et al. 2024); σ/η is the teacher's gain.
	Sigma float64 `json:"sigma"`
	Eta   float64 `json:"eta"`
	// ParsevalError is the largest relative difference between σ, η from
	// the time domain and from the DFT; ConvError the largest difference
	// between the recurrence's outputs and the transfer function's (FFT).
	ParsevalError float64 `json:"parseval_error"`
	ConvError     float64 `json:"conv_error"`
	// Slope is the predicted change of the balanced half-time per doubling
	// of N, −(τ/2σ)·ln 2 steps.
	Slope float64 `json:"slope"`
	// Runs holds one entry per state size, in order.
	Runs []SSMRun `json:"runs"`
	// Omega and Teacher are the frequencies ω ∈ [0, π] and the teacher's
	// |H(ω)|; each run's Learned is its own.
	Omega   []float64 `json:"omega"`
	Teacher []float64 `json:"teacher"`
}

// SSMRun is one state size N trained by gradient descent on b, c ∈ R^N,
// with the exact reduction's prediction beside it.
type SSMRun struct {
	N int `json:"n"`
	// Steps and W sample w(t) = c·b along the run; Predicted is the closed
	// form at the same steps (the logistic for balanced initialisation, the
	// exact 1-D ODE for random).
	Steps     []int     `json:"steps"`
	W         []float64 `json:"w"`
	Predicted []float64 `json:"predicted"`
	// HalfTime is the first step with w ≥ w*/2 (−1 if none), HalfPredicted
	// the closed form's, in steps.
	HalfTime      float64 `json:"half_time"`
	HalfPredicted float64 `json:"half_predicted"`
	// Conservation is the largest relative deviation over the run of
	// ‖q_k‖‖p_k‖/(‖q_0‖‖p_0‖) from Π_j (1 − lr²e_j²), the discrete form of
	// the conserved ‖q‖e^{s} (p = c + b, q = c − b, e = σ − ηw).
	Conservation float64 `json:"conservation"`
	// Learned is |H(ω)| of the trained student.
	Learned []float64 `json:"learned"`
}

// CogoResult gathers the widths and repeats of a CoGO run.
type CogoResult struct {
	// Runs holds every point, widths in order, repeats within a width.
	Runs []CogoRun `json:"runs"`
	// OrderShare is the share of frequencies, pooled over the repeats of
	// the largest width, with order 4 or 6 (Tian 2024's constructions).
	OrderShare float64 `json:"order_share"`
}

// CogoRun is one width h and repeat of the quadratic network on a + b mod
// d, trained by Adam, and the algebraic structure of its weights.
type CogoRun struct {
	Width  int `json:"width"`
	Repeat int `json:"repeat"`
	// Epochs and Loss sample the training loss; FinalLoss, TrainAcc and
	// TestAcc are at the end.
	Epochs    []int     `json:"epochs"`
	Loss      []float64 `json:"loss"`
	FinalLoss float64   `json:"final_loss"`
	TrainAcc  float64   `json:"train_acc"`
	TestAcc   float64   `json:"test_acc"`
	// Orders counts, per frequency k = 1 … (d−1)/2, the nodes whose
	// dominant frequency (argmax_k |Â_jk|, counted above 0.05) is k;
	// Active counts the nodes with one.
	Orders []int `json:"orders"`
	Active int   `json:"active"`
	// Rkkk is |r_kkk|·2d per frequency, r_kkk = Σ_j Â_kj B̂_kj Ĉ_kj, which
	// is 1 at zero loss. RaacK is, per frequency, the larger of the a·a·c
	// and b·b·c potentials that must vanish, |Σ_j Â_kj Â_kj Ĉ_kj|·2d and the
	// same with B̂; Raac is the largest of them; RaacAll is the largest whole coefficient of the
	// A² and B² terms, max over m and k₃ ≠ 0 of
	// |Σ_{k₁+k₂≡m} Σ_j Â_k₁j Â_k₂j Ĉ_k₃j|·2d (and B̂B̂Ĉ).
	Rkkk    []float64 `json:"rkkk"`
	RaacK   []float64 `json:"raac_k"`
	Raac    float64   `json:"raac"`
	RaacAll float64   `json:"raac_all"`
	// Energy is the median over active nodes of the share of their Fourier
	// energy in one conjugate pair of frequencies.
	Energy float64 `json:"energy"`
	// Magnitude holds |Â_jk| for k = 0 … (d−1)/2 (columns), one row per
	// node sorted by dominant frequency, inactive nodes last.
	Magnitude [][]float64 `json:"magnitude"`
}
