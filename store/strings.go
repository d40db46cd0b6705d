package store

// Every piece of Chinese text the store produces lives in this file. The
// store states facts: what failed, which file, which backup, which report. It
// names no command, option or key; the command line and the UI say what to do
// in their own terms (TestSourceRules keeps both rules).

// Errors about the draft file (FileError).
const (
	txtNotFound              = "没有找到这份报告"
	txtDuplicate             = "已有同一机关同一年度的报告"
	txtNoDataDir             = "找不到用户数据文件夹"
	txtHeld                  = "草稿文件正被另一个 nianbao 窗口使用：%s。"
	txtDamagedFile           = "草稿文件已损坏或不是 nianbao 的草稿文件：%s（%s）。程序没有改动这个文件。"
	txtNewestBackup          = "最新的备份是 %s。"
	txtNoBackup              = "没有找到这个文件的备份。"
	txtNewer                 = "草稿文件 %s 是较新版本的 nianbao 写的（格式版本 %d，本程序只支持到 %d）。程序没有改动这个文件，请升级 nianbao 后再打开。"
	txtIsFolder              = "草稿文件的位置是一个文件夹，不是文件：%s。"
	txtNotFile               = "草稿文件的位置不是普通文件，而是管道、设备或套接字：%s。程序没有改动它。"
	txtNotDraft              = "这不是 nianbao 的草稿文件：%s（里面是别的程序的数据）。程序没有改动这个文件。"
	txtNoLocks               = "草稿文件所在的文件夹不支持文件锁（常见于网络共享文件夹）：%s。程序没有改动这个文件。请把草稿文件放在本机磁盘上。"
	txtNotWritable           = "不能打开草稿文件进行写入：%s（%s）。"
	txtMigrateFailed         = "不能把草稿文件 %s 升级到新格式：%s。文件没有改动，旧文件的副本在 %s。"
	txtMigrateCopy           = "升级前不能复制旧文件：%s"
	txtMigrateUnreadable     = "报告 %s 无法读取：%v"
	txtNotSaved              = "报告没有保存：%s。"
	txtSaveDiskFull          = "磁盘已满（草稿文件 %s 所在的磁盘）"
	txtSaveReadOnly          = "不能写入草稿文件 %s：%s"
	txtSaveClosed            = "草稿文件已经关闭（%s）"
	txtSaveIO                = "写入草稿文件时出错（%s：%s）"
	txtCannotOpen            = "数据库无法打开"
	txtEmptyFile             = "文件是空的"
	txtReasonDiskFull        = "磁盘已满"
	txtDamagedReportSentinel = "草稿文件中的这份报告已损坏"
	txtReportName            = "%s/%d" // a report named in a message: 机关名称/年度
	txtDamagedReportNamed    = "草稿文件中的报告 %s（编号 %s）已损坏，无法读取；其他报告不受影响，这份报告可以从历史版本恢复。"
	txtDamagedReportID       = "草稿文件中的报告 %s 已损坏，无法读取；其他报告不受影响，这份报告可以从历史版本恢复。"
	txtNoBackupDamaged       = "今天没有备份：草稿文件中的报告 %s 已损坏，备份它会挤掉完好的旧备份。从历史版本恢复这些报告后，下次打开时会做备份。"
	txtBackupFailed          = "今天的备份没有做成（%s）：%s。草稿文件照常可用。"
	txtNoBackupFileDamaged   = "今天没有备份："
	txtMissing               = "草稿文件还不存在：%s。其中还没有报告。"
	txtOlder                 = "草稿文件 %s 是旧版本的 nianbao 写的，要先升级为新格式才能读取；只读打开时不能升级。以可写方式打开一次即可（升级前会在旁边保留旧文件的副本）。"
	txtOpenedReadOnly        = "草稿文件是以只读方式打开的，不能修改：%s。"
	txtUnreadable            = "不能读取草稿文件：%s（%s）。"
	txtReadFailed            = "读取时出错"
	txtListSep               = "、"
)

// Refusals of the report operations.
const (
	txtWithID           = "%w（编号 %s）"
	txtInTrash          = "%w：「%s」（编号 %s）在回收站中，请先从回收站恢复"
	txtDuplicateTitle   = "%w：已有「%s」，同一机关同一年度只能有一份报告。请先改名或删除那一份"
	txtNoID             = "报告没有编号，不能保存"
	txtNoAgency         = "请先填写机关名称再保存"
	txtBadYear          = "年度 %d 不对，请填写四位数的年份"
	txtBadKind          = "机关类型 %q 不对，不能保存"
	txtBadScope         = "范围 %q 不对（应为本机关或汇总），不能保存"
	txtNoSuchReport     = "%w：没有「%s」"
	txtIDTaken          = "%w：编号 %s 已被「%s」使用"
	txtNothingToRepl    = "%w：没有可以覆盖的「%s」"
	txtUndeleteTaken    = "%w：不能从回收站恢复「%s」，因为现在已有一份同名同年度的报告。请先把那一份改名或删除"
	txtRolledAlready    = "%w：已从「%s」创建过「%s」"
	txtNoRevision       = "%w：没有第 %d 版"
	txtRevisionDamaged  = "第 %d 版已损坏：%v"
	txtRevsDamaged      = "草稿文件中的历史版本已损坏"
	txtRevsDamagedWhy   = "草稿文件中的历史版本已损坏：%v"
	txtRevisionNDamaged = "第 %d 版已损坏"
	txtSummaryDamaged   = "报告的摘要已损坏"
)

// Backups and recovery.
const (
	txtBackupDirUnread   = "无法读取备份文件夹 %s：%v"
	txtBackupBadName     = "备份名称不对：%q"
	txtBackupMissing     = "找不到备份 %s：%s"
	txtBackupDamaged     = "备份 %s 也已损坏（%s），请选另一个备份"
	txtBackupUnusable    = "备份 %s 不能使用：%v，请选另一个备份"
	txtRecoverFailed     = "不能从备份恢复：%s。当前草稿文件没有改动"
	txtRecoverAsideTaken = "不能从备份恢复：%s 已存在"
	txtRecoverNoAside    = "不能把当前草稿文件移到一旁：%s"
	txtRecoverKept       = "不能从备份恢复：%s（当前文件保留在 %s）"
)

// Revision summaries (shown in the history lists).
const (
	sumEdit          = "修改"
	sumMore          = "等 %d 项修改"
	sumSep           = "；"
	sumRevDamaged    = "（这个版本已损坏，无法恢复）"
	sumRestored      = "恢复到第 %d 版（%s）"
	sumBeforeRestore = "恢复第 %d 版之前的版本"
	sumRepaired      = "，修复已损坏的报告"
	sumCreated       = "新建报告"
	sumBeforeImport  = "导入覆盖之前的版本"
	sumImported      = "导入覆盖"
	sumBeforeRoll    = "创建 %d 年度报告之前的版本"
	sumRolledFrom    = "从上年报告「%s」创建"
	sumExported      = "导出 %s 时的版本"
	sumMigrated      = "从旧版草稿文件升级"
)

// Why a file failed validation (the Reason of a Damaged FileError).
const (
	whyTooShort       = "文件太短"
	whyNotDB          = "不是数据库文件"
	whyBadVersion     = "数据库格式版本 %d 不受支持"
	whyBadChecksum    = "文件头校验和不符"
	whyBadPageSize    = "页大小 %d 不合理"
	whyUnreadable     = "无法读取："
	whyNotRegular     = "不是普通文件"
	whyTinyFile       = "文件只有 %d 字节，太短"
	whyTruncated      = "文件被截断：应有 %d 字节，实际只有 %d 字节"
	whyRootOutside    = "根页位置超出文件"
	whyFreelistOut    = "空闲页表位置超出文件"
	whyFreelistShort  = "空闲页表不完整"
	whyFreelistBad    = "空闲页表已损坏"
	whyFreelistBeyond = "空闲页表超出文件"
	whyPageDamaged    = "读取时出错，数据页已损坏"
	whyCheckFailed    = "一致性检查未通过"
	whyFreelistIDs    = "空闲页表中的页号不对"
)

// collationProbe are names whose sort keys identify the collation the
// stored sort keys were made with (collationStamp).
var collationProbe = []string{"北京市密云区科学技术委员会", "重庆市长寿区", "厦门市", "Ａ市b局", "安庆市", "哈尔滨市", "长沙市", "张家口市"}
