package model

import "sync"

// cellRef reads one cell by the indices of the input cells behind it, so
// that the rules on cells, which run on every edit, need no map look-up and
// no string building. An input cell has one index; a computed cell the
// indices of every input it sums.
type cellRef struct {
	spec *CellSpec
	idx  []int32
}

// get returns the cell's value and whether it is Filled (for a computed
// cell: every input filled). Rules read cells only through get, so that an
// empty or incomplete cell is never read.
func (c *cellRef) get(r *Report) (Dec, bool) {
	var s Dec
	for _, i := range c.idx {
		if !r.filled[i] {
			return 0, false
		}
		s += r.cells[i]
	}
	return s, true
}

func (c *cellRef) addr() CellAddr { return c.spec.Addr }

// cellRefs holds every cell reference the rules need, resolved once.
type cellRefs struct {
	s3Cols                                    []Col // the six applicant columns
	s3New, s3Carried, s3Handled, s3Forward    [6]cellRef
	s3NewTotal, s3CarriedTotal, s3FwdTotal    cellRef
	s3UnpaidTotal                             cellRef
	s2InForce                                 [2]inForceRefs // 规章, 行政规范性文件
	s2Rules                                   []cellRef      // the row 规章
	jump                                      []cellRef      // totals compared with last year's
	s4Total                                   [3]cellRef     // review, suit_direct, suit_after
	fees, feeNotices, feeBilled, feeCollected cellRef
}

type inForceRefs struct {
	label                     string
	issued, repealed, inForce cellRef
}

var refs = sync.OnceValue(buildRefs)

func mustRef(a CellAddr) cellRef {
	c, ok := cellSpecs[a]
	if !ok {
		panic("model: rule reads unknown cell " + string(a))
	}
	if !c.Computed {
		return cellRef{spec: c, idx: []int32{int32(c.Index)}}
	}
	ref := cellRef{spec: c}
	for _, in := range c.Inputs {
		ref.idx = append(ref.idx, int32(cellSpecs[in].Index))
	}
	return ref
}

func buildRefs() *cellRefs {
	f := &cellRefs{}
	for _, col := range S3.Blocks[0].Cols {
		if !col.Computed {
			f.s3Cols = append(f.s3Cols, col)
		}
	}
	for i, col := range f.s3Cols {
		f.s3New[i] = mustRef(S3.Addr("new", col.Key))
		f.s3Carried[i] = mustRef(S3.Addr("carried", col.Key))
		f.s3Handled[i] = mustRef(S3.Addr("handled", col.Key))
		f.s3Forward[i] = mustRef(S3.Addr("forward", col.Key))
	}
	f.s3NewTotal = mustRef("s3.new.total")
	f.s3CarriedTotal = mustRef("s3.carried.total")
	f.s3FwdTotal = mustRef("s3.forward.total")
	f.s3UnpaidTotal = mustRef("s3.other_unpaid.total")
	for i, row := range []string{"rules", "normative"} {
		f.s2InForce[i] = inForceRefs{
			label:    S2.Blocks[0].Rows[i].Label,
			issued:   mustRef(S2.Addr(row, "issued")),
			repealed: mustRef(S2.Addr(row, "repealed")),
			inForce:  mustRef(S2.Addr(row, "in_force")),
		}
	}
	for _, col := range S2.Blocks[0].Cols {
		f.s2Rules = append(f.s2Rules, mustRef(S2.Addr("rules", col.Key)))
	}
	// In reading order: 二's counts, 三's 新收 total, 四's totals.
	for _, c := range S2.Inputs() {
		if c.Unit == Count {
			f.jump = append(f.jump, mustRef(c.Addr))
		}
	}
	f.jump = append(f.jump, f.s3NewTotal)
	for i, row := range []string{"review", "suit_direct", "suit_after"} {
		f.s4Total[i] = mustRef(S4.Addr(row, "total"))
		f.jump = append(f.jump, f.s4Total[i])
	}
	f.fees = mustRef("s2.fees.amount")
	f.feeNotices = mustRef("s6.fee.notices")
	f.feeBilled = mustRef("s6.fee.billed")
	f.feeCollected = mustRef("s6.fee.collected")
	return f
}
