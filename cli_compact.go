package main

import (
	"github.com/spf13/cobra"

	"nianbao/store"
)

func (a *app) compactCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "compact",
		Short: "压缩草稿文件，释放不再使用的空间",
		Long: `草稿文件删除内容后不会自动变小（旧的历史版本按保留规则清理后，空间留在文件中供以后使用）。
compact 把草稿文件重写为只含现有内容的新文件，再替换原文件：先检查整个文件，新文件写好、
检查无误后才替换，中途断电或出错时原文件保持不变。填报界面在文件明显大于内容时会自动压缩。
压缩前请关闭所有 nianbao 窗口。`,
		Example: `  nianbao compact`,
		Args:    argsExact(0, "不带参数"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(func(s *store.Store) error {
				before, after, err := s.Compact()
				if err != nil {
					return storeErr(err)
				}
				a.note("已压缩草稿文件 %s：%s → %s。", s.Path(), humanSize(before), humanSize(after))
				return nil
			})
		},
	}
}
