// Package model holds the annual report on government information disclosure
// (政府信息公开工作年度报告) in the national format of 2021: its header, its six
// sections, every cell of tables 二, 三 and 四 under a stable address, the
// structure of those tables as data, the JSON interchange form and the
// cross-checks. It knows nothing of terminals or disks.
package model
