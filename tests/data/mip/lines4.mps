* curtail 0.1.0 plan LP: minimise the weighted loss sum w*V*y over the cuts
* y_gN_L = base load - load of group N at level L (Y yellow, O orange, R red)
* g0: kiln/line
* g1: other/line
NAME curtail
ROWS
 N obj
 G target_NOx_yellow
 G target_NOx_orange
 G target_NOx_red
 G nest_g0_OY
 G nest_g0_RO
 G nest_g1_OY
 G nest_g1_RO
 E step_g0_Y
 E step_g0_O
 E step_g0_R
COLUMNS
 y_g0_Y obj 2000
 y_g0_Y target_NOx_yellow 100
 y_g0_Y nest_g0_OY -1
 y_g0_Y step_g0_Y 1
 y_g0_O obj 2000
 y_g0_O target_NOx_orange 100
 y_g0_O nest_g0_OY 1
 y_g0_O nest_g0_RO -1
 y_g0_O step_g0_O 1
 y_g0_R obj 2000
 y_g0_R target_NOx_red 100
 y_g0_R nest_g0_RO 1
 y_g0_R step_g0_R 1
 y_g1_Y obj 4000
 y_g1_Y target_NOx_yellow 100
 y_g1_Y nest_g1_OY -1
 y_g1_O obj 4000
 y_g1_O target_NOx_orange 100
 y_g1_O nest_g1_OY 1
 y_g1_O nest_g1_RO -1
 y_g1_R obj 4000
 y_g1_R target_NOx_red 100
 y_g1_R nest_g1_RO 1
 MARKER 'MARKER' 'INTORG'
 k_g0_Y step_g0_Y 0.25
 k_g0_O step_g0_O 0.25
 k_g0_R step_g0_R 0.25
 MARKER 'MARKER' 'INTEND'
RHS
 RHS target_NOx_yellow 20
 RHS target_NOx_orange 60
 RHS target_NOx_red 120
 RHS step_g0_Y 1
 RHS step_g0_O 1
 RHS step_g0_R 1
BOUNDS
 UP BND y_g0_Y 1
 UP BND y_g0_O 1
 UP BND y_g0_R 1
 UP BND y_g1_Y 1
 UP BND y_g1_O 1
 UP BND y_g1_R 1
 UP BND k_g0_Y 4
 UP BND k_g0_O 4
 UP BND k_g0_R 4
ENDATA
