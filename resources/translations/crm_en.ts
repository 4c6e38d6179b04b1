<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/help/dialogs.py" line="111" />
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../ui/help/dialogs.py" line="112" />
        <source>招商引资客户关系管理</source>
        <translation>Investment Attraction CRM</translation>
    </message>
    <message>
        <location filename="../../ui/help/dialogs.py" line="116" />
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/help/dialogs.py" line="117" />
        <source>数据文件夹：%1</source>
        <translation>Data folder: %1</translation>
    </message>
    <message>
        <location filename="../../ui/help/dialogs.py" line="118" />
        <source>日志文件夹：%1</source>
        <translation>Log folder: %1</translation>
    </message>
</context>
<context>
    <name>AccessMenu</name>
    <message>
        <location filename="../../ui/access/menu.py" line="20" />
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location filename="../../ui/access/menu.py" line="21" />
        <source>操作记录…</source>
        <translation>Change log…</translation>
    </message>
    <message>
        <location filename="../../ui/access/menu.py" line="23" />
        <source>用户管理…</source>
        <translation>Users…</translation>
    </message>
    <message>
        <location filename="../../ui/access/menu.py" line="57" />
        <source>%1 — %2（%3）</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/access/menu.py" line="58" />
        <source>招商引资客户关系管理</source>
        <translation>Investment Attraction CRM</translation>
    </message>
    <message>
        <location filename="../../ui/access/menu.py" line="69" />
        <source>当前用户：%1（%2）</source>
        <translation>Signed in: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>ActivitiesScreen</name>
    <message>
        <location filename="../../ui/activities/screen.py" line="64" />
        <source>搜索内容、参加人员、下一步</source>
        <translation>Search summary, participants, next step</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="66" />
        <source>全部方式</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="67" />
        <source>全部工作队</source>
        <translation>All teams</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="73" />
        <source>记录跟进</source>
        <translation>Log follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="77" />
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="79" />
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="89" />
        <source>待办下一步（含超期）</source>
        <translation>Open next steps (incl. overdue)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="117" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="119" />
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="121" />
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="124" />
        <source>企业</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="126" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="127" />
        <source>参加人员</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="128" />
        <source>内容摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="129" />
        <source>下一步工作</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="132" />
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="155" />
        <source>跟进记录</source>
        <translation>Activities</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="177" />
        <source>{due}  {step}
{who}</source>
        <translation>{due}  {step}
{who}</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="181" />
        <source>【超期】</source>
        <translation>[Overdue]</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="188" />
        <source>本周没有到期的下一步</source>
        <translation>No next steps due this week</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="209" />
        <source>删除跟进记录</source>
        <translation>Delete follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/activities/screen.py" line="209" />
        <source>删除选中的跟进记录？</source>
        <translation>Delete the selected follow-up?</translation>
    </message>
</context>
<context>
    <name>AnalysisScreen</name>
    <message>
        <location filename="../../ui/analysis/screen.py" line="88" />
        <source>（无）</source>
        <extracomment>The figures depend on these tables (and the settings: the bureau, saved analyses).</extracomment>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="90" />
        <source>（不筛选）</source>
        <translation>(no filter)</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="96" />
        <source>名称或代码，多个用逗号分隔</source>
        <translation>Names or codes, separated by commas</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="97" />
        <source>分析</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="100" />
        <source>导出 xlsx…</source>
        <translation>Export xlsx…</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="106" />
        <source>保存分析…</source>
        <translation>Save analysis…</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="108" />
        <location filename="../../ui/analysis/screen.py" line="369" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="119" />
        <source>指标</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="121" />
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="123" />
        <source>按</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="125" />
        <source>再按</source>
        <translation>Then by</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="127" />
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="137" />
        <source>已保存的分析</source>
        <translation>Saved analyses</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="140" />
        <source>选择指标、期间和维度，然后点“分析”。</source>
        <translation>Choose a measure, a period and dimensions, then press Analyse.</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="210" />
        <source>正在分析…</source>
        <translation>Analysing…</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="260" />
        <source>%1 %2（%3），与上年同期（%4 至 %5）比较</source>
        <translation>%1 %2 (%3), against the same period last year (%4 to %5)</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="279" />
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="280" />
        <source>上年同期</source>
        <translation>Same period last year</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="281" />
        <source>同比(%)</source>
        <translation>Change (%)</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="282" />
        <source>占比(%)</source>
        <translation>Share (%)</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="283" />
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="322" />
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="323" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="330" />
        <source>导出分析</source>
        <translation>Export analysis</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="330" />
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="357" />
        <source>保存分析</source>
        <translation>Save analysis</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="357" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/screen.py" line="368" />
        <source>删除已保存的分析“%1”？</source>
        <translation>Delete the saved analysis '%1'?</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../ui/access/audit_view.py" line="78" />
        <location filename="../../ui/access/audit_view.py" line="243" />
        <source>操作记录</source>
        <translation>Change log</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="83" />
        <source>修改记录</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="88" />
        <location filename="../../ui/access/audit_view.py" line="126" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="88" />
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="88" />
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="88" />
        <source>途径</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="90" />
        <source>登录记录</source>
        <translation>Sign-ins</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="104" />
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="105" />
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="107" />
        <location filename="../../ui/access/audit_view.py" line="127" />
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="108" />
        <location filename="../../ui/access/audit_view.py" line="128" />
        <source>数据表</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="109" />
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="110" />
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="129" />
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="130" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="131" />
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="132" />
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="133" />
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="154" />
        <location filename="../../ui/access/audit_view.py" line="157" />
        <source>（全部）</source>
        <translation>(all)</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="156" />
        <source>（未记名）</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="168" />
        <source>日期格式应为 YYYY-MM-DD。</source>
        <translation>Dates are written YYYY-MM-DD.</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../ui/access/audit_view.py" line="44" />
        <source>新增</source>
        <extracomment>What a change did to its record.</extracomment>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="45" />
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="46" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="47" />
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="54" />
        <source>成功</source>
        <extracomment>How a sign-in ended.</extracomment>
        <translation>Signed in</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="55" />
        <source>密码错误</source>
        <translation>Wrong password</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="56" />
        <source>无此用户</source>
        <translation>Unknown user</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="57" />
        <source>已锁定</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="58" />
        <source>账户已停用</source>
        <translation>Account disabled</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="67" />
        <source>窗口</source>
        <extracomment>How a person signed in (crm.accounts: the channel a sign-in names).</extracomment>
        <translation>window</translation>
    </message>
    <message>
        <location filename="../../ui/access/audit_view.py" line="68" />
        <source>命令行</source>
        <translation>command line</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <location filename="../../ui/backup/controller.py" line="35" />
        <source>从备份恢复…</source>
        <extracomment>How often the window asks whether a backup is due (the rule itself is in crm/backup.py).</extracomment>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/controller.py" line="36" />
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../ui/backup/controller.py" line="44" />
        <source>检查数据库…</source>
        <translation>Check database…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/controller.py" line="95" />
        <source>已备份：%1</source>
        <translation>Backup written: %1</translation>
    </message>
    <message>
        <location filename="../../ui/backup/controller.py" line="98" />
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/controller.py" line="110" />
        <source>PostgreSQL 数据库请由管理员用 pg_dump 备份、pg_restore 恢复（见 README）。</source>
        <translation>PostgreSQL databases are backed up by their administrator with pg_dump and restored with pg_restore (see the README).</translation>
    </message>
    <message>
        <location filename="../../ui/backup/controller.py" line="139" />
        <source>已从备份恢复：%1</source>
        <translation>Restored from the backup: %1</translation>
    </message>
    <message>
        <location filename="../../ui/backup/controller.py" line="141" />
        <source>恢复前的数据已备份到：%1</source>
        <translation>The data before the restore was backed up to: %1</translation>
    </message>
    <message>
        <location filename="../../ui/backup/controller.py" line="150" />
        <source>正在从备份恢复…</source>
        <translation>Restoring from backup…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/controller.py" line="165" />
        <source>数据库完好，规则均满足。</source>
        <translation>The database is sound and keeps every rule.</translation>
    </message>
    <message>
        <location filename="../../ui/backup/controller.py" line="169" />
        <source>计算列可在命令行用 crm check --repair 修复。</source>
        <translation>Derived columns can be repaired with crm check --repair on the command line.</translation>
    </message>
    <message>
        <location filename="../../ui/backup/controller.py" line="173" />
        <source>正在检查数据库…</source>
        <translation>Checking the database…</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <location filename="../../ui/projects/board.py" line="209" />
        <location filename="../../ui/projects/board.py" line="245" />
        <source>亿元</source>
        <extracomment>A card's lines before they were broken for the list's width. Pixels of a card's row that are not text: margins, padding, border, the style's text margin. The "+k more" line of a column was clicked: show that stage's projects as a table.</extracomment>
        <translation>×100M CNY</translation>
    </message>
    <message>
        <location filename="../../ui/projects/board.py" line="209" />
        <location filename="../../ui/projects/board.py" line="245" />
        <source>万元</source>
        <translation>×10k CNY</translation>
    </message>
    <message>
        <location filename="../../ui/projects/board.py" line="213" />
        <source>%1　%2 个
合计 %3 %4</source>
        <translation>%1  %2
Total %3 %4</translation>
    </message>
    <message>
        <location filename="../../ui/projects/board.py" line="235" />
        <source>还有 %1 个…（点击在表格中查看）</source>
        <translation>%1 more… (click to see them in the table)</translation>
    </message>
</context>
<context>
    <name>BriefRowsPanel</name>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="30" />
        <source>新签约项目（双击一行查看项目）</source>
        <translation>Newly signed projects (double-click a row to list them)</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="60" />
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="102" />
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="104" />
        <source>来源类别</source>
        <translation>Source class</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="109" />
        <source>来源区域</source>
        <translation>Source region</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="110" />
        <source>来源省份</source>
        <translation>Source province</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="111" />
        <source>来源国家/地区</source>
        <translation>Source country/region</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="113" />
        <source>企业标签</source>
        <translation>Company tags</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="118" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="119" />
        <source>投资规模</source>
        <translation>Investment size</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="125" />
        <source>500强企业（合计）</source>
        <translation>Top 500 firms (all lists)</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="129" />
        <source>未落实工作队</source>
        <translation>No team</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="133" />
        <source>%1万元以上</source>
        <translation>%1 ×10k CNY and above</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="135" />
        <source>未填报</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="71" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="71" />
        <source>项目数</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="71" />
        <source>签约额（亿元）</source>
        <translation>Signed (100M CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/figure_rows.py" line="87" />
        <source>此行无法对应到项目筛选条件</source>
        <translation>This row has no matching project filter</translation>
    </message>
</context>
<context>
    <name>BriefsScreen</name>
    <message>
        <location filename="../../ui/briefs/screen.py" line="128" />
        <source>生成预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="129" />
        <source>保存PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="130" />
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="131" />
        <source>导出xlsx…</source>
        <translation>Export xlsx…</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="135" />
        <source>签发</source>
        <translation>Sign off</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="71" />
        <source>简报</source>
        <extracomment>A change of period or scope rebuilds the preview after this pause (typing, scrolling).</extracomment>
        <translation>Brief</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="72" />
        <source>重大项目调度通报</source>
        <translation>Major-project dispatch notice</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="73" />
        <source>排序通报</source>
        <translation>Ranking notice</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="74" />
        <source>企业诉求通报</source>
        <translation>Enterprise requests notice</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="124" />
        <source>（不填）</source>
        <extracomment>The scope choices (teams, source regions, parks) and the bureau the brief is about. A scope chosen before the choices were read (set_choice); taken when they arrive. What the last sign-off said, shown beside the title once the preview is rebuilt.</extracomment>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="126" />
        <source>印在标题下的期号（第N期）。不填时：签发后按种类和年份自动续编，草稿不印期号。</source>
        <translation>The issue number printed under the title (第N期). Left empty: once signed off, the next number of its kind and year; a draft prints none.</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="138" />
        <source>签发所预览的简报或通报：记录签发人、时间和数字摘要</source>
        <translation>Sign off the brief or notice shown: records who signed, when, and a digest of its figures</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="142" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="165" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="166" />
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="167" />
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="168" />
        <source>期号</source>
        <translation>Issue no.</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="215" />
        <source>工作队：</source>
        <translation>Team: </translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="215" />
        <source>来源地：</source>
        <translation>Source: </translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="216" />
        <source>园区：</source>
        <translation>Park: </translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="218" />
        <source>全局（全部项目）</source>
        <translation>Everything (all projects)</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="243" />
        <source>期间无效：结束日期早于开始日期。</source>
        <translation>Invalid period: the end date is before the start date.</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="252" />
        <source>正在生成 %1 …</source>
        <translation>Generating %1 …</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="254" />
        <source>正在生成预览，请稍候…</source>
        <translation>Building the preview, please wait…</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="283" />
        <source>排序通报对全部县区和园区排序，不分范围。</source>
        <translation>The ranking notice ranks every county and park; it takes no scope.</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="297" />
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="297" />
        <source>保存PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="306" />
        <source>无法保存：%1</source>
        <translation>Could not save: %1</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="309" />
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="328" />
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="328" />
        <source>导出表格</source>
        <translation>Export tables</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="362" />
        <source>无法开始打印。</source>
        <translation>Could not start printing.</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="423" />
        <source>%1 · 共 %2 页</source>
        <translation>%1 · %2 pages</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="440" />
        <source>生成失败：%1</source>
        <translation>Generation failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="450" />
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="457" />
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="509" />
        <source>选择期间和范围后点击“生成预览”，简报页面将显示在这里。</source>
        <translation>Choose a period and a scope, then press Preview: the brief's pages appear here.</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/screen.py" line="538" />
        <source>（此电脑无法显示页面预览：请安装 PySide6-Addons；仍可保存PDF。）</source>
        <translation>(Page preview is unavailable on this computer: install PySide6-Addons. You can still save the PDF.)</translation>
    </message>
</context>
<context>
    <name>CloseProblemDialog</name>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="83" />
        <source>问题销号</source>
        <translation>Close problem</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="84" />
        <source>如何解决的、由谁办结</source>
        <translation>How it was resolved, by whom</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="85" />
        <source>办理结果 *</source>
        <translation>Resolution *</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="86" />
        <source>销号日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="87" />
        <source>销号</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="88" />
        <source>请填写办理结果</source>
        <translation>Enter how it was resolved</translation>
    </message>
</context>
<context>
    <name>CommitPage</name>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="27" />
        <source>第四步：导入</source>
        <translation>Step 4: import</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="29" />
        <source>先自动备份数据库，再在一个事务中写入；取消或出错时数据库保持原样。</source>
        <translation>The database is backed up first, then written in one transaction; on cancel or error it stays unchanged.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="32" />
        <source>取消导入</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="36" />
        <source>重新预览</source>
        <translation>Preview again</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="37" />
        <source>用同一文件和列设置重新检查，再决定是否导入</source>
        <translation>Check again with the same file and column settings, then decide whether to import</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="70" />
        <source>正在备份并写入…</source>
        <translation>Backing up and writing…</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="100" />
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="126" />
        <source>导入完成：新增 %1 行，更新 %2 行。</source>
        <translation>Import finished: %1 rows added, %2 rows updated.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="131" />
        <source>导入前的备份：%1</source>
        <translation>Backup before import: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="136" />
        <source>写入时另有 %1 行被拒绝：</source>
        <translation>%1 more rows were rejected while writing:</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="143" />
        <source>已取消，数据库未改动。</source>
        <translation>Cancelled; the database is unchanged.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/commit_page.py" line="150" />
        <source>导入失败，数据库未改动：%1</source>
        <translation>Import failed; the database is unchanged: %1</translation>
    </message>
</context>
<context>
    <name>CompaniesScreen</name>
    <message>
        <location filename="../../ui/companies/screen.py" line="72" />
        <source>全部榜单</source>
        <translation>All lists</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="73" />
        <source>全部行业</source>
        <translation>All industries</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="74" />
        <source>全部地区</source>
        <translation>All regions</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="76" />
        <source>全部性质</source>
        <translation>All ownership</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="81" />
        <source>新增企业</source>
        <translation>New company</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="86" />
        <source>合并重复…</source>
        <translation>Merge duplicates…</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="88" />
        <source>在列表中选中两家重复的企业（按住 Ctrl 点选），合并为一家</source>
        <translation>Select two duplicate companies in the list (Ctrl+click) to merge them into one</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="117" />
        <source>企业名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="118" />
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="120" />
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="122" />
        <source>总部所在地</source>
        <translation>Headquarters</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="123" />
        <source>性质</source>
        <translation>Ownership</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="124" />
        <source>榜单</source>
        <translation>Lists</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="126" />
        <source>项目数</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="130" />
        <source>协议投资（万元）</source>
        <translation>Planned (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="152" />
        <source>企业</source>
        <translation>Companies</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="181" />
        <source>请先在列表中选中两家重复的企业（按住 Ctrl 点选），再合并。</source>
        <translation>First select two duplicate companies in the list (Ctrl+click), then merge.</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="209" />
        <source>删除企业</source>
        <translation>Delete company</translation>
    </message>
    <message>
        <location filename="../../ui/companies/screen.py" line="210" />
        <source>删除选中的企业？</source>
        <translation>Delete the selected company?</translation>
    </message>
</context>
<context>
    <name>CompanyDetail</name>
    <message>
        <location filename="../../ui/companies/detail.py" line="64" />
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="65" />
        <source>联系人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="66" />
        <source>项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="67" />
        <source>榜单标签</source>
        <translation>List tags</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="79" />
        <location filename="../../ui/companies/detail.py" line="93" />
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="80" />
        <source>记录跟进</source>
        <translation>Log follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="92" />
        <location filename="../../ui/companies/detail.py" line="110" />
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="94" />
        <location filename="../../ui/companies/detail.py" line="110" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="129" />
        <source>在左侧选择一家企业。</source>
        <translation>Select a company on the left.</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="163" />
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="164" />
        <source>曾用名</source>
        <translation>Former names</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="165" />
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="166" />
        <source>总部所在地</source>
        <translation>Headquarters</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="167" />
        <source>企业性质</source>
        <translation>Ownership</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="168" />
        <source>所属行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="169" />
        <source>所属集团</source>
        <translation>Parent group</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="170" />
        <source>榜单</source>
        <translation>Lists</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="171" />
        <source>网址</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="172" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="212" />
        <source>删除联系人</source>
        <translation>Delete contact</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="212" />
        <source>删除选中的联系人？</source>
        <translation>Delete the selected contact?</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="223" />
        <source>删除标签</source>
        <translation>Delete tag</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="223" />
        <source>删除选中的榜单标签？</source>
        <translation>Delete the selected list tag?</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <location filename="../../ui/companies/form.py" line="39" />
        <source>编辑企业</source>
        <translation>Edit company</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="39" />
        <source>新增企业</source>
        <translation>New company</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="58" />
        <source>18位，境外企业可不填</source>
        <translation>18 characters; may be empty for foreign firms</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="55" />
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="56" />
        <source>企业名称 *</source>
        <translation>Company name *</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="57" />
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="60" />
        <source>曾用名</source>
        <translation>Former names</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="61" />
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="62" />
        <source>总部所在地</source>
        <translation>Headquarters</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="63" />
        <source>国家或地区</source>
        <translation>Country or region</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="65" />
        <source>企业性质</source>
        <translation>Ownership</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="66" />
        <source>所属行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="70" />
        <source>所属集团</source>
        <translation>Parent group</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="71" />
        <source>网址</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="72" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="76" />
        <source>请填写企业名称</source>
        <translation>Enter the company name</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="117" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/companies/form.py" line="117" />
        <source>仍然保存</source>
        <translation>Save anyway</translation>
    </message>
</context>
<context>
    <name>CompanyPicker</name>
    <message>
        <location filename="../../ui/widgets/company_picker.py" line="32" />
        <source>输入名称或拼音首字母选择投资方</source>
        <translation>Type a name or pinyin initials to choose the investor</translation>
    </message>
</context>
<context>
    <name>ComparisonTab</name>
    <message>
        <location filename="../../ui/teams/comparison_tab.py" line="20" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/teams/comparison_tab.py" line="21" />
        <source>签约项目</source>
        <translation>Signed projects</translation>
    </message>
    <message>
        <location filename="../../ui/teams/comparison_tab.py" line="22" />
        <source>签约投资（万元）</source>
        <translation>Signed investment (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/teams/comparison_tab.py" line="23" />
        <source>目标完成率</source>
        <translation>Target completion</translation>
    </message>
    <message>
        <location filename="../../ui/teams/comparison_tab.py" line="24" />
        <source>到位资金（万元）</source>
        <translation>Funds in place (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/teams/comparison_tab.py" line="25" />
        <source>走访企业</source>
        <translation>Companies visited</translation>
    </message>
    <message>
        <location filename="../../ui/teams/comparison_tab.py" line="26" />
        <source>洽谈</source>
        <translation>Negotiations</translation>
    </message>
    <message>
        <location filename="../../ui/teams/comparison_tab.py" line="27" />
        <source>外出天数</source>
        <translation>Days away</translation>
    </message>
    <message>
        <location filename="../../ui/teams/comparison_tab.py" line="28" />
        <source>新增线索</source>
        <translation>New leads</translation>
    </message>
</context>
<context>
    <name>CompletionDialog</name>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="30" />
        <source>填报完成投资</source>
        <translation>Enter investment completed</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="34" />
        <source>截止日期（旬末或月末）</source>
        <translation>Period end (end of a ten-day period or month)</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="37" />
        <source>填报周期</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="39" />
        <source>本期完成投资（万元）</source>
        <translation>Completed in period (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="40" />
        <source>本年累计完成投资（万元）</source>
        <translation>Completed this year (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="41" />
        <source>形象进度</source>
        <translation>Construction progress</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="42" />
        <source>本期进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="43" />
        <source>存在问题</source>
        <translation>Issues</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <location filename="../../ui/sync/panels.py" line="103" />
        <source>记录</source>
        <extracomment>Emitted after a decision was written (the screen reloads).</extracomment>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="104" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="105" />
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="106" />
        <source>当前值</source>
        <translation>Current value</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="107" />
        <source>当前值来自</source>
        <translation>Current value from</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="108" />
        <source>另一值</source>
        <translation>Other value</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="109" />
        <source>另一值来自</source>
        <translation>Other value from</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="119" />
        <source>保留当前值</source>
        <translation>Keep the current value</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="120" />
        <source>采用另一值</source>
        <translation>Take the other value</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="121" />
        <source>改为新值…</source>
        <translation>Set a new value…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="122" />
        <source>确认删除记录</source>
        <translation>Delete the record</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="123" />
        <source>保留记录</source>
        <translation>Keep the record</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="150" />
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="151" />
        <source>记录仍保留（本站点删除了它，待确认）</source>
        <translation>Record kept (deleted on this site; to be confirmed)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="153" />
        <source>记录仍保留（另一处删除了它，待确认）</source>
        <translation>Record kept (deleted elsewhere; to be confirmed)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="166" />
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="189" />
        <source>两处在互不知情时修改了同一字段。选择保留哪一个值，或输入新值；决定会同步到所有站点。</source>
        <translation>Two sites changed the same field without seeing each other's change. Choose the value to keep, or enter a new one; the decision syncs to every site.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="191" />
        <source>一处删除了记录，另一处同时修改了它。确认删除，或保留记录。</source>
        <translation>One site deleted the record while another edited it. Delete it, or keep it.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="193" />
        <source>两条记录使用了同一编号。请在记录上改用其他编号，或合并重复记录，冲突随后自动消除。</source>
        <translation>Two records use the same code. Give one of them another code, or merge the duplicates; the conflict then clears by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="196" />
        <source>选择一项冲突来处理。</source>
        <translation>Choose a conflict to settle.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="224" />
        <source>改为新值</source>
        <translation>Set a new value</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="30" />
        <source>编辑联系人</source>
        <translation>Edit contact</translation>
    </message>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="30" />
        <source>新增联系人</source>
        <translation>New contact</translation>
    </message>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="35" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="36" />
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="37" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="38" />
        <source>电子邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="39" />
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="40" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>ContactsTable</name>
    <message>
        <location filename="../../ui/companies/detail.py" line="34" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="35" />
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="36" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="37" />
        <source>电子邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="38" />
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="39" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="143" />
        <source>正在统计…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="151" />
        <source>到位资金（亿元）</source>
        <translation>Funds in place (×100M CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="152" />
        <source>新签约项目（个）</source>
        <translation>Newly signed projects</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="153" />
        <source>签约投资额（亿元）</source>
        <translation>Signed investment (×100M CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="154" />
        <source>开工项目（个）</source>
        <translation>Projects started</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="155" />
        <source>投产项目（个）</source>
        <translation>Projects operating</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="165" />
        <source>项目阶段分布（在库项目）</source>
        <translation>Projects by stage (live projects)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="171" />
        <source>阶段漏斗</source>
        <translation>Stage funnel</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="174" />
        <source>目标完成领先的工作队</source>
        <translation>Teams leading on targets</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="177" />
        <source>超期问题</source>
        <translation>Overdue problems</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="180" />
        <source>本周到期的下一步</source>
        <translation>Next steps due this week</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="200" />
        <source>正在统计首页数据…</source>
        <translation>Calculating dashboard figures…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="211" />
        <source>本年累计（{start} 至 {end}），与去年同期比较</source>
        <translation>Year to date ({start} to {end}), against the same period last year</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="217" />
        <source>{label}累计（截至 {end}），与去年同期比较</source>
        <translation>{label} to {end}, against the same period last year</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="223" />
        <source>停滞项目：签约未开工 {a} 个，开工未投产 {b} 个，长期无跟进 {c} 个</source>
        <translation>Stalled projects: {a} signed but not started, {b} started but not operating, {c} with no follow-up for long</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="255" />
        <source>项目数</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="276" />
        <location filename="../../ui/dashboard/screen.py" line="328" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="277" />
        <source>签约投资（万元）</source>
        <translation>Signed investment (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="278" />
        <source>完成率</source>
        <translation>Completion</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="279" />
        <source>较序时进度</source>
        <translation>vs. time elapsed</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="291" />
        <source>还没有设定年度目标的工作队</source>
        <translation>No team has annual targets yet</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="281" />
        <source>超 {p} 个百分点</source>
        <translation>{p} points ahead</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="281" />
        <source>落后 {p} 个百分点</source>
        <translation>{p} points behind</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="299" />
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="301" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="304" />
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="303" />
        <location filename="../../ui/dashboard/screen.py" line="328" />
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="302" />
        <source>超期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="300" />
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="328" />
        <source>项目或企业</source>
        <translation>Project or company</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="328" />
        <source>下一步工作</source>
        <translation>Next step</translation>
    </message>
</context>
<context>
    <name>DispatchScreen</name>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="82" />
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="86" />
        <source>填报完成投资…</source>
        <translation>Enter completion…</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="87" />
        <source>设定目标…</source>
        <translation>Set target…</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="88" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="118" />
        <source>正在统计调度数据…</source>
        <translation>Computing dispatch figures…</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="128" />
        <source>%1：重点项目%2个，年度计划投资%3万元，累计完成%4万元，完成率%5%，序时进度%6%；</source>
        <translation>%1: %2 listed projects, year plan %3 (×10k CNY), completed %4 (×10k CNY), %5% done, time elapsed %6%; </translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="138" />
        <source>项目编号</source>
        <translation>Project code</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="138" />
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="138" />
        <source>清单</source>
        <translation>Lists</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="139" />
        <source>年度计划投资（万元）</source>
        <translation>Year plan (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="139" />
        <source>本期完成</source>
        <translation>In period</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="139" />
        <source>年度累计完成</source>
        <translation>Completed this year</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="140" />
        <location filename="../../ui/dispatch/screen.py" line="160" />
        <source>完成率</source>
        <translation>Completion</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="140" />
        <source>形象进度</source>
        <translation>Construction progress</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="140" />
        <source>存在问题</source>
        <translation>Issues</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="152" />
        <source>全局</source>
        <translation>Bureau-wide</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="159" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="159" />
        <source>指标</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="159" />
        <source>年度目标</source>
        <translation>Annual targets</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="159" />
        <source>累计完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="160" />
        <source>较序时进度（个百分点）</source>
        <translation>Against time elapsed (points)</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="167" />
        <source>新开工</source>
        <translation>new starts</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="168" />
        <source>在建</source>
        <translation>under construction</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="169" />
        <source>竣工</source>
        <translation>completed</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="170" />
        <source>储备</source>
        <translation>in reserve</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="174" />
        <source>%1%2个</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="178" />
        <source>（计划%1个，%2%）</source>
        <translation> (of %1 planned, %2%)</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/screen.py" line="183" />
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>DuplicateWarning</name>
    <message>
        <location filename="../../ui/widgets/duplicate_warning.py" line="23" />
        <source>可能与已有企业重复：</source>
        <translation>Possibly a duplicate of:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/duplicate_warning.py" line="55" />
        <source>{name}（相似度 {score}%）</source>
        <extracomment>Possible duplicates the user has been shown at a save (a second press saves anyway).</extracomment>
        <translation>{name} (similarity {score}%)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/duplicate_warning.py" line="24" />
        <source>打开已有企业</source>
        <translation>Open existing company</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <location filename="../../ui/sync/panels.py" line="274" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="274" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="274" />
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="276" />
        <source>合并…</source>
        <translation>Merge…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="279" />
        <source>合并时选择保留哪一条，另一条的关联记录移过去后作废。</source>
        <translation>Merging: choose the record to keep; the other's linked records move to it and it is retired.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="313" />
        <source>请先选择一组疑似重复的记录。</source>
        <translation>Select a group of possible duplicates first.</translation>
    </message>
</context>
<context>
    <name>EmptyOverlay</name>
    <message>
        <location filename="../../ui/widgets/empty_overlay.py" line="17" />
        <source>没有符合条件的记录</source>
        <translation>No matching records</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <location filename="../../ui/field_labels.py" line="41" />
        <source>导入/新建记录</source>
        <extracomment>The fields of projects, funds entries and the other records a change history names.</extracomment>
        <translation>Imported or new record</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="42" />
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="43" />
        <source>项目编号</source>
        <translation>Project code</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="44" />
        <source>投资方</source>
        <translation>Investor</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="45" />
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="46" />
        <source>产业链</source>
        <translation>Industry chain</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="47" />
        <source>协议投资额</source>
        <translation>Planned investment</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="48" />
        <source>其中外资</source>
        <translation>Of which foreign</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="49" />
        <source>来源地</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="50" />
        <source>来源国家/地区</source>
        <translation>Source country/region</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="51" />
        <source>落地地区</source>
        <translation>Landing place</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="52" />
        <source>落地园区</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="53" />
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="54" />
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="55" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="56" />
        <source>重大项目</source>
        <translation>Major project</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="57" />
        <source>预计就业（人）</source>
        <translation>Expected jobs</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="58" />
        <source>预计年产值</source>
        <translation>Expected annual output</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="59" />
        <source>当前阶段</source>
        <translation>Current stage</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="60" />
        <source>签约日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="61" />
        <source>协议类型</source>
        <translation>Agreement type</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="62" />
        <source>资金到位日期</source>
        <translation>Funded on</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="63" />
        <source>开工日期</source>
        <translation>Started on</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="64" />
        <source>投产日期</source>
        <translation>Operating on</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="65" />
        <source>终止日期</source>
        <translation>Dropped on</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="66" />
        <source>终止原因</source>
        <translation>Reason for dropping</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="67" />
        <source>预计签约日期</source>
        <translation>Expected signing</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="68" />
        <source>预计开工日期</source>
        <translation>Expected start</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="69" />
        <source>预计投产日期</source>
        <translation>Expected operation</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="70" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="71" />
        <source>删除时间</source>
        <translation>Deleted at</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="72" />
        <source>并入项目</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="73" />
        <source>到位日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="74" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="75" />
        <source>其中固定资产投资</source>
        <translation>Of which fixed assets</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="76" />
        <source>资金来源</source>
        <translation>Source of funds</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="77" />
        <source>说明/凭证</source>
        <translation>Note / evidence</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="78" />
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="79" />
        <source>曾用名</source>
        <translation>Former names</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="80" />
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="81" />
        <source>总部所在地</source>
        <translation>Headquarters</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="82" />
        <source>企业性质</source>
        <translation>Ownership</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="83" />
        <source>所属集团</source>
        <translation>Parent group</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="84" />
        <source>网站</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="85" />
        <source>首次签约日期</source>
        <translation>First signed on</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="86" />
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="87" />
        <source>发生日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="88" />
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="89" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="90" />
        <source>内容摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="91" />
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="92" />
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="93" />
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="94" />
        <source>保密线索</source>
        <translation>Confidential lead</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="95" />
        <source>顺序号</source>
        <translation>Sequence</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="96" />
        <source>记录类型</source>
        <translation>Entry type</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="97" />
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="98" />
        <source>说明</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="99" />
        <source>设置值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="106" />
        <source>投促局名称</source>
        <extracomment>The settings a change log names (the record of a `setting` change is its key).</extracomment>
        <translation>Bureau name</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="107" />
        <source>本单位所在地区</source>
        <translation>Bureau's region</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="108" />
        <source>单位级别</source>
        <translation>Bureau level</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="109" />
        <source>本地资金计入总体数字</source>
        <translation>Count local money in totals</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="110" />
        <source>项目编号格式</source>
        <translation>Project code pattern</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="111" />
        <source>投资规模分档</source>
        <translation>Size bands</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="112" />
        <source>简报金额小数位</source>
        <translation>Brief amount decimals</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="113" />
        <source>简报百分比小数位</source>
        <translation>Brief percent decimals</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="114" />
        <source>签约未开工提醒（天）</source>
        <translation>Signed, not started after (days)</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="115" />
        <source>开工未投产提醒（天）</source>
        <translation>Started, not operating after (days)</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="118" />
        <source>无跟进提醒（天）</source>
        <translation>No follow-up for (days)</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="119" />
        <source>我的姓名</source>
        <translation>My name</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="120" />
        <source>我的工作队</source>
        <translation>My team</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="121" />
        <source>美元汇率</source>
        <translation>USD exchange rate</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="122" />
        <source>自动备份间隔（分钟）</source>
        <translation>Automatic backup every (minutes)</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="123" />
        <source>保留每日备份（天）</source>
        <translation>Daily backups kept (days)</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="124" />
        <source>保留每周备份（周）</source>
        <translation>Weekly backups kept (weeks)</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="125" />
        <source>保留每月备份（月）</source>
        <translation>Monthly backups kept (months)</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="126" />
        <source>角色名称</source>
        <translation>Role names</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="127" />
        <source>保存的分析</source>
        <translation>Saved analyses</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="139" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="144" />
        <source>受理日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="207" />
        <source>万元</source>
        <translation>×10k CNY</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="179" />
        <location filename="../../ui/field_labels.py" line="213" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="28" />
        <source>推进</source>
        <extracomment>The entries of a project's stage history (stage_event.kind).</extracomment>
        <translation>Advance</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="29" />
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="30" />
        <source>更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="31" />
        <source>终止</source>
        <translation>Dropped</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="32" />
        <source>重新启用</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="33" />
        <source>协议升格</source>
        <translation>Agreement upgraded</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="180" />
        <location filename="../../ui/field_labels.py" line="215" />
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="137" />
        <source>名称</source>
        <extracomment>Labels that depend on the record: a name or a company of anything but a project, and a request's received_on (the day it was 受理, where a funds entry's is the day money arrived).</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/field_labels.py" line="138" />
        <source>企业</source>
        <translation>Company</translation>
    </message>
</context>
<context>
    <name>FigureCard</name>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="109" />
        <source>去年同期：{v}</source>
        <extracomment>The figures depend on these tables, and on the settings (the bureau's region, thresholds). Widest a column of the overdue-problems table may be (pixels). The funnel chart keeps room for its six bars and title, in lines of text.</extracomment>
        <translation>Same period last year: {v}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="111" />
        <source>同比：—</source>
        <translation>YoY: —</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="117" />
        <source>同比增长 {n} 倍</source>
        <translation>{ratio}× the same period last year</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="122" />
        <source>同比增长 {p}</source>
        <translation>Up {p} year on year</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/screen.py" line="122" />
        <source>同比下降 {p}</source>
        <translation>Down {p} year on year</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="45" />
        <source>第一步：选择台账文件</source>
        <translation>Step 1: choose the ledger file</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="46" />
        <source>支持 .xlsx、.xls 和 .csv（UTF-8 或 GBK 编码自动识别）。</source>
        <translation>Supports .xlsx, .xls and .csv (UTF-8 or GBK detected automatically).</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="48" />
        <source>台账文件路径</source>
        <translation>Ledger file path</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="49" />
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="55" />
        <source>新建台账中出现的未知工作队、园区、产业链和覆盖区域</source>
        <translation>Create the unknown teams, parks, industry chains and coverage regions the ledger names</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="57" />
        <source>严格模式：有任何无效行则全部不导入</source>
        <translation>Strict mode: import nothing if any row is invalid</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="59" />
        <source>文件来自另一个数据库（本库没有的系统编号按项目名称匹配）</source>
        <translation>File from another database (record ids unknown here match by project name)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="62" />
        <source>如 7.1（留空则用设置中的汇率）</source>
        <translation>e.g. 7.1 (empty: the rate from Settings)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="66" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="70" />
        <source>美元汇率</source>
        <translation>USD exchange rate</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="113" />
        <source>汇率应为大于0的数字</source>
        <translation>The rate must be a number above 0</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="133" />
        <source>正在读取文件…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="151" />
        <source>已识别工作表：%1</source>
        <translation>Sheets recognised: %1</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../ui/first_start.py" line="31" />
        <source>欢迎使用：设置本单位</source>
        <translation>Welcome: set up your bureau</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="41" />
        <source>简报里的“全市/全省”、来源地分类（市内、省内、省外、境外）都以本单位所在地区为准。</source>
        <translation>Briefs speak of the bureau's whole city or province, and money is classed (own city, in province, out of province, abroad) from the bureau's region. </translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="42" />
        <source>请先填写本单位和您的姓名，以后可在“设置”中修改。</source>
        <translation>Please fill in your bureau and your name; Settings can change them later.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="74" />
        <source>如：某某市投资促进局</source>
        <translation>e.g. Investment Promotion Bureau of … City</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="75" />
        <source>（请选择，可输入名称查找）</source>
        <translation>(choose, or type a name to search)</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="55" />
        <source>（不属于工作队）</source>
        <translation>(no team)</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="53" />
        <source>记入每条记录的“记录人”</source>
        <translation>recorded as 'Recorded by' on every entry</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="73" />
        <source>本单位名称 *</source>
        <translation>Bureau name *</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="77" />
        <source>所在地区 *</source>
        <translation>Region *</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="78" />
        <source>单位级别</source>
        <translation>Bureau level</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="52" />
        <source>您的姓名 *</source>
        <translation>Your name *</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="34" />
        <source>欢迎使用：这份数据库由谁使用？</source>
        <translation>Welcome: who works on this database?</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="36" />
        <source>这份数据库还没有填写使用人（例如从局里复制到这台电脑的副本）。您的姓名会记入每条记录的“记录人”，同步时各站点据此分辨是谁修改的。</source>
        <translation>Nobody is named as this database's user yet (for instance a copy of the bureau's file on this computer). Your name is recorded as the author of every change, which is how the synced sites tell who changed what.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="56" />
        <source>我的工作队</source>
        <translation>My team</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="65" />
        <source>稍后设置</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="67" />
        <source>请填写本单位名称</source>
        <translation>Enter the bureau's name</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="68" />
        <source>请选择所在地区</source>
        <translation>Choose the bureau's region</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="70" />
        <source>请填写您的姓名</source>
        <translation>Enter your name</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="91" />
        <source>省级（省、自治区、直辖市）</source>
        <translation>Province (province, autonomous region, municipality)</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="92" />
        <source>市级</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="93" />
        <source>县级（县、区）</source>
        <translation>County (county, district)</translation>
    </message>
</context>
<context>
    <name>FundsDialog</name>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="36" />
        <source>记录到位资金</source>
        <translation>Record funds</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="36" />
        <source>修改到位资金</source>
        <translation>Correct funds entry</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="42" />
        <source>（按项目来源）</source>
        <translation>(from project source)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="46" />
        <source>到位日期 *</source>
        <translation>Received on *</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="47" />
        <source>金额（万元） *</source>
        <translation>Amount (×10k CNY) *</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="49" />
        <source>其中固定资产投资（万元）</source>
        <translation>Of which fixed assets (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="51" />
        <source>资金来源</source>
        <translation>Source of funds</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="52" />
        <source>说明/凭证</source>
        <translation>Note / evidence</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="109" />
        <source>保存后项目阶段将由“签约”变为“资金到位”（日期 %1）。</source>
        <extracomment>What saving does to the project's stage, said before saving.</extracomment>
        <translation>Saving moves the project from 'Signed' to 'Funded' (dated %1).</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="114" />
        <source>这是项目的第一笔到位资金：保存后项目的资金到位日期将由 %1 改为 %2。</source>
        <translation>This is the project's first funds entry: saving changes the project's funded date from %1 to %2.</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="123" />
        <source>请填写到位日期</source>
        <translation>Enter the date received</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="126" />
        <source>金额应大于0</source>
        <translation>Amount must be above 0</translation>
    </message>
    <message>
        <location filename="../../ui/projects/funds_dialog.py" line="129" />
        <source>固定资产投资不能超过到位金额</source>
        <translation>Fixed assets cannot exceed the amount received</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <location filename="../../ui/help/dialogs.py" line="74" />
        <source>快速入门</source>
        <extracomment>Packages whose versions 关于 lists (support asks for them first).</extracomment>
        <translation>Quick start</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="52" />
        <source>导入同步包：预览</source>
        <extracomment>Where the server address is remembered (a laptop preference, never the password). Changes per batch of a server sync (read and applied in steps; kept all or nothing).</extracomment>
        <translation>Import package: preview</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="56" />
        <source>来自“%1”的 %2 项修改，其中 %3 项本站点已有。</source>
        <translation>%2 changes from '%1'; this site already holds %3 of them.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="65" />
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="65" />
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="65" />
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="65" />
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="81" />
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="92" />
        <source>这个同步包中的修改本站点都已有，导入不会改变任何数据。</source>
        <translation>This site already holds every change of this package; importing it would change nothing.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="94" />
        <source>新的冲突：%1 项（导入后在“冲突”中处理）。</source>
        <translation>New conflicts: %1 (settle them under Conflicts after the import).</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="98" />
        <source>没有新的冲突。</source>
        <translation>No new conflicts.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="104" />
        <source>疑似重复的%1：%2</source>
        <translation>Possible duplicate (%1): %2</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="108" />
        <source>导入前会先备份数据库；导入在一个事务中完成，失败则不写入任何数据。</source>
        <translation>The database is backed up first; the import is one transaction, and a failure writes nothing.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="77" />
        <source>导入台账</source>
        <translation>Import ledger</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="86" />
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="87" />
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="88" />
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="89" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="261" />
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_parts.py" line="40" />
        <source>选择台账文件</source>
        <translation>Choose a ledger file</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_parts.py" line="41" />
        <source>电子表格 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_parts.py" line="46" />
        <source>保存问题清单</source>
        <translation>Save the problem list</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_changes.py" line="18" />
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_changes.py" line="19" />
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_changes.py" line="20" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_changes.py" line="21" />
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_changes.py" line="22" />
        <source>修改内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_changes.py" line="34" />
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_changes.py" line="36" />
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_changes.py" line="53" />
        <source>导入将新增或更新 %1 条记录：</source>
        <translation>The import adds or updates %1 records:</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_changes.py" line="58" />
        <source>下表列出前 %1 条，另有 %2 条。</source>
        <translation> The first %1 are listed; %2 more.</translation>
    </message>
</context>
<context>
    <name>KeyEnterprisesScreen</name>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="76" />
        <source>名单</source>
        <translation>List</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="78" />
        <source>旬</source>
        <translation>Ten days</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="82" />
        <source>新建名单…</source>
        <translation>New list…</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="83" />
        <source>列入名单…</source>
        <translation>Add to list…</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="84" />
        <source>指定特派员…</source>
        <translation>Assign commissioner…</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="96" />
        <source>企业</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="97" />
        <source>所在名单</source>
        <translation>Lists</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="99" />
        <location filename="../../ui/requests/key_enterprises.py" line="232" />
        <source>特派员</source>
        <translation>Commissioner</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="101" />
        <location filename="../../ui/requests/key_enterprises.py" line="233" />
        <source>包保领导</source>
        <translation>Responsible leader</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="102" />
        <source>本旬走访</source>
        <translation>Visited</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="103" />
        <source>走访次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="104" />
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="122" />
        <source>已走访</source>
        <translation>Visited</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="122" />
        <source>未走访</source>
        <translation>Not visited</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="131" />
        <source>本单位全部重点企业名单</source>
        <translation>All key enterprise lists of the bureau</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="154" />
        <source>{p}：名单内 {n} 家，已走访 {c} 家，走访覆盖率 {r}；未指定特派员 {w} 家</source>
        <translation>{p}: {n} on the list, {c} visited, visit coverage {r}; {w} without a commissioner</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="177" />
        <source>新建重点企业名单</source>
        <translation>New key enterprise list</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="178" />
        <source>名单名称 *</source>
        <translation>List name *</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="207" />
        <source>列入重点企业名单</source>
        <translation>Add to a key enterprise list</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="209" />
        <location filename="../../ui/requests/key_enterprises.py" line="231" />
        <source>企业 *</source>
        <translation>Company *</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="210" />
        <source>名单 *</source>
        <translation>List *</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="211" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="212" />
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="213" />
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="229" />
        <source>指定特派员和包保领导</source>
        <translation>Assign commissioner and responsible leader</translation>
    </message>
    <message>
        <location filename="../../ui/requests/key_enterprises.py" line="234" />
        <source>起始日期</source>
        <translation>From</translation>
    </message>
</context>
<context>
    <name>ListScreen</name>
    <message>
        <location filename="../../ui/list_screen.py" line="134" />
        <source>导出…</source>
        <extracomment>Passed to table_export.export_view (column key → converter to the header's unit).</extracomment>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/list_screen.py" line="135" />
        <source>把当前筛选结果导出为 Excel</source>
        <translation>Export the filtered list to Excel</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/access/login.py" line="31" />
        <location filename="../../ui/access/login.py" line="46" />
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/access/login.py" line="34" />
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/access/login.py" line="42" />
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/access/login.py" line="43" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/access/login.py" line="57" />
        <source>请输入登录名。</source>
        <translation>Enter your login.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="61" />
        <source>招商引资客户关系管理</source>
        <extracomment>When the search index is brought up to date after the window appears. The window's size when nothing was saved (smaller screens get what they have).</extracomment>
        <translation>Investment Attraction CRM</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111" />
        <source>打开数据库…</source>
        <translation>Open database…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="112" />
        <source>新建数据库…</source>
        <translation>New database…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113" />
        <source>显示数据库位置</source>
        <translation>Show database location</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115" />
        <source>导入 Excel 台账…</source>
        <translation>Import Excel ledger…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118" />
        <source>导出当前表格…</source>
        <translation>Export current table…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="121" />
        <source>加载演示数据…</source>
        <translation>Load demo data…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="126" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127" />
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128" />
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130" />
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138" />
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144" />
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="146" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152" />
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162" />
        <source>重置布局</source>
        <translation>Reset layout</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163" />
        <source>窗口大小、列和分栏恢复为默认</source>
        <translation>Window size, columns and panes back to their defaults</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165" />
        <source>同步(&amp;S)</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167" />
        <source>导出同步包…</source>
        <translation>Export package…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168" />
        <source>导入同步包…</source>
        <translation>Import package…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169" />
        <source>与服务器同步…</source>
        <translation>Sync with server…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170" />
        <source>配对…</source>
        <translation>Pair…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171" />
        <source>导出本站身份…</source>
        <translation>Export this site's identity…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172" />
        <source>冲突与疑似重复</source>
        <translation>Conflicts and possible duplicates</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260" />
        <source>正在统计记录数…</source>
        <translation>Counting records…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="263" />
        <source>共 1 条记录</source>
        <translation>1 record</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="265" />
        <source>共 %1 条记录</source>
        <translation>%1 records</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="268" />
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274" />
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274" />
        <source>数据库文件 (*.sqlite *.db);;所有文件 (*)</source>
        <translation>Database files (*.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282" />
        <source>新建数据库</source>
        <translation>New database</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282" />
        <source>数据库文件 (*.sqlite)</source>
        <translation>Database files (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323" />
        <location filename="../../ui/main_window.py" line="445" />
        <source>正在更新搜索索引…</source>
        <translation>Updating the search index…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="346" />
        <source>当前数据库：%1</source>
        <translation>Current database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="352" />
        <source>Excel 导入功能尚未安装。</source>
        <translation>Excel import is not installed.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="395" />
        <source>演示数据只能加入空数据库；当前数据库已有数据。</source>
        <translation>Demo data goes into an empty database only; this database already holds data.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="397" />
        <source>向空数据库加入一份小型演示数据，用来熟悉软件</source>
        <translation>Add a small set of demo data to the empty database to try the application</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="428" />
        <source>数据库是空的。要加载一份小型演示数据来熟悉软件吗？</source>
        <translation>The database is empty. Load a small set of demo data to try the program?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="429" />
        <location filename="../../ui/main_window.py" line="439" />
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="387" />
        <location filename="../../ui/main_window.py" line="436" />
        <source>演示数据模块不可用。</source>
        <translation>The demo data module is not available.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="439" />
        <source>向当前数据库加入演示数据？</source>
        <translation>Add demo data to the current database?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="445" />
        <source>正在生成演示数据…</source>
        <translation>Generating demo data…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="468" />
        <source>加载演示数据</source>
        <translation>Load demo data</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="167" />
        <source>第二步：核对工作表与列</source>
        <translation>Step 2: check sheets and columns</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="169" />
        <source>已按列名自动识别字段；未识别的列可在“导入为”中指定，或选择“不导入”。</source>
        <translation>Fields were recognised from the column names; for unrecognised columns choose a field under "Import as", or "Do not import".</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="174" />
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="174" />
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="174" />
        <source>自动识别</source>
        <translation>Recognised as</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="174" />
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="176" />
        <source>保存我的指定，下次自动识别</source>
        <translation>Remember my choices for next time</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="178" />
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="201" />
        <source>识别为：%1</source>
        <translation>Recognised as: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="235" />
        <source>（未识别）</source>
        <translation>(not recognised)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="237" />
        <source>（未识别；最接近：%1）</source>
        <translation>(not recognised; closest: %1)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard_pages.py" line="216" />
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="118" />
        <source>添加队员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="120" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="121" />
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="123" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="124" />
        <source>到队日期</source>
        <translation>Joined on</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
    <message>
        <location filename="../../ui/teams/members_tab.py" line="39" />
        <source>添加队员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <location filename="../../ui/teams/members_tab.py" line="39" />
        <source>结束任职</source>
        <translation>End membership</translation>
    </message>
</context>
<context>
    <name>MembersTable</name>
    <message>
        <location filename="../../ui/teams/members_tab.py" line="19" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/teams/members_tab.py" line="20" />
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/teams/members_tab.py" line="21" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/teams/members_tab.py" line="22" />
        <source>到队</source>
        <translation>Joined</translation>
    </message>
    <message>
        <location filename="../../ui/teams/members_tab.py" line="23" />
        <source>离队</source>
        <translation>Left</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="110" />
        <source>保留哪一个？另一个并入它并作废（保留指向它的记录）：</source>
        <translation>Which one is kept? The other is merged into it and retired (pointing to it):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="132" />
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="239" />
        <source>移过去：%1</source>
        <translation>Moves over: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="241" />
        <source>没有要移过去的记录。</source>
        <translation>No records to move.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="245" />
        <source>保留的记录补上它没有的：%1</source>
        <translation>The one kept takes what it lacks: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="283" />
        <source>到位资金 %1 笔</source>
        <translation>%1 funds entries</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="284" />
        <source>跟进记录 %1 条</source>
        <translation>%1 activities</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="285" />
        <source>问题 %1 个</source>
        <translation>%1 problems</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="172" />
        <location filename="../../ui/widgets/merge_dialog.py" line="286" />
        <source>项目 %1 个</source>
        <translation>%1 projects</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="104" />
        <source>合并重复企业</source>
        <extracomment>What tells two same-named records apart: (field, value as shown), in the order shown. The facts a choice's label shows (the rest appear in the preview when they differ).</extracomment>
        <translation>Merge duplicate companies</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="104" />
        <source>合并重复项目</source>
        <translation>Merge duplicate projects</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="143" />
        <source>亿元</source>
        <translation>×100M CNY</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="143" />
        <source>万元</source>
        <translation>×10k CNY</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="170" />
        <source>信用代码 %1</source>
        <translation>credit code %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="177" />
        <source>项目数</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="220" />
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="221" />
        <source>“%1”（%2）</source>
        <translation>“%1” (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="231" />
        <source>保留%1；%2并入后作废。</source>
        <translation>Keep %1; %2 is merged into it and voided.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="261" />
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="268" />
        <source>· %1：取作废一方的 %2（保留的一方为空）</source>
        <translation>· %1: takes %2 from the voided one (the kept one has none)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="271" />
        <source>· %1：保留 %2，舍弃 %3</source>
        <translation>· %1: keeps %2, drops %3</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="278" />
        <source>两者不同的字段：</source>
        <translation>Fields that differ:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="287" />
        <source>联系人 %1 个</source>
        <translation>%1 contacts</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="288" />
        <source>榜单 %1 项</source>
        <translation>%1 list memberships</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="289" />
        <source>下属企业 %1 家</source>
        <translation>%1 subsidiaries</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/merge_dialog.py" line="290" />
        <source>重复的榜单 %1 项（作废）</source>
        <translation>%1 repeated list memberships (retired)</translation>
    </message>
</context>
<context>
    <name>MoneyEdit</name>
    <message>
        <location filename="../../ui/widgets/money.py" line="50" />
        <source>万元</source>
        <extracomment>The unit of a bare number (and of the figure shown): 万元 unless set_unit says 亿元.</extracomment>
        <translation>×10k CNY</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/money.py" line="51" />
        <location filename="../../ui/widgets/money.py" line="63" />
        <source>金额以万元计；也可写 1.5亿、3000万 或 800000元</source>
        <translation>Amount in 万元 (10,000 yuan); 1.5亿, 3000万 or 800000元 are read too</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/money.py" line="61" />
        <source>金额以亿元计；也可写 3000万 或 800000元</source>
        <translation>Amount in 亿元 (100 million yuan); 3000万 or 800000元 are read too</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../../ui/navigation.py" line="117" />
        <source>超期问题 %1 个</source>
        <translation>%1 overdue problems</translation>
    </message>
    <message>
        <location filename="../../ui/navigation.py" line="119" />
        <source>本周到期的下一步 %1 项</source>
        <translation>%1 next steps due this week</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <location filename="../../ui/widgets/date_edit.py" line="27" />
        <source>yyyy-mm-dd</source>
        <translation>yyyy-mm-dd</translation>
    </message>
</context>
<context>
    <name>PairDialog</name>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="118" />
        <source>与站点配对</source>
        <translation>Pair with a site</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="121" />
        <source>站点名称</source>
        <translation>Site name</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="122" />
        <source>站点编号</source>
        <translation>Site id</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="128" />
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="131" />
        <source>请通过电话或当面与对方核对指纹，完全一致才确认配对。配对后本站点接受对方签名的同步包。</source>
        <translation>Compare the fingerprint with the other site by phone or in person; pair only if it is identical. This site then accepts packages signed by it.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="136" />
        <source>指纹一致，配对</source>
        <translation>Fingerprints match: pair</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="47" />
        <source>年</source>
        <translation> </translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="54" />
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="153" />
        <source>第%1周</source>
        <translation>Week %1</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="156" />
        <source>上旬</source>
        <translation>Days 1–10</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="156" />
        <source>中旬</source>
        <translation>Days 11–20</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="156" />
        <source>下旬</source>
        <translation>Days 21–end</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="157" />
        <source>%1月%2</source>
        <translation>%2, month %1</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="161" />
        <source>%1月</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="163" />
        <source>一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="163" />
        <source>二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="163" />
        <source>三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="163" />
        <source>四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="166" />
        <source>上半年</source>
        <translation>First half</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="166" />
        <source>下半年</source>
        <translation>Second half</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="192" />
        <source>周报（ISO周）</source>
        <translation>Weekly (ISO week)</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="193" />
        <source>旬报</source>
        <translation>Ten-day</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="194" />
        <source>月报</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="195" />
        <source>季度</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="196" />
        <source>半年</source>
        <translation>Half-yearly</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="197" />
        <source>全年</source>
        <translation>Full year</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="198" />
        <source>年初至今</source>
        <translation>Year to date</translation>
    </message>
    <message>
        <location filename="../../ui/briefs/period_picker.py" line="199" />
        <source>自定义日期</source>
        <translation>Custom dates</translation>
    </message>
</context>
<context>
    <name>PlaceholderScreen</name>
    <message>
        <location filename="../../ui/screens.py" line="85" />
        <source>“%1”暂不可用。</source>
        <translation>"%1" is not available yet.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="106" />
        <source>第三步：预览</source>
        <translation>Step 3: preview</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="107" />
        <source>以下是导入将做的修改和发现的问题；此时尚未写入任何数据。</source>
        <translation>These are the changes the import will make and the problems found; nothing has been written yet.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="112" />
        <location filename="../../ui/ledger/wizard.py" line="128" />
        <location filename="../../ui/ledger/wizard.py" line="138" />
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="113" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="114" />
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="115" />
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="116" />
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="117" />
        <source>无效</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="118" />
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="124" />
        <source>双击一行，查看该工作表将写入的修改</source>
        <translation>Double-click a row to see the changes this sheet writes</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="128" />
        <location filename="../../ui/ledger/wizard.py" line="138" />
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="128" />
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="128" />
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="128" />
        <location filename="../../ui/ledger/wizard.py" line="184" />
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="138" />
        <source>台账中的项目</source>
        <translation>Project in the ledger</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="138" />
        <source>对应的已有项目</source>
        <translation>Existing project it is</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="150" />
        <source>按以上选择重新检查</source>
        <translation>Check again with these choices</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="147" />
        <source>导出后数据库中已改过的字段也写入文件中的值</source>
        <translation>Also write the file's values over fields changed on record since the export</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="153" />
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="154" />
        <source>导出问题清单…</source>
        <translation>Export problem list…</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="183" />
        <source>将写入的修改</source>
        <extracomment>The user changed a choice since the plan shown: check again before importing.</extracomment>
        <translation>Changes to write</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="196" />
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="230" />
        <source>正在检查 %1 %p%</source>
        <translation>Checking %1 %p%</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="230" />
        <source>正在检查 %p%</source>
        <translation>Checking %p%</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="300" />
        <source> 有 %1 行与多个已有项目相符，请在上表选择后重新检查。</source>
        <translation> %1 rows fit several existing projects; choose above, then check again.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="315" />
        <source>将写入的修改（%1）</source>
        <translation>Changes to write (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="317" />
        <source>问题（%1）</source>
        <translation>Problems (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="350" />
        <source>区域组</source>
        <translation>Region groups</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="358" />
        <source>未知%1：</source>
        <translation>Unknown %1: </translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="369" />
        <source>%1（最接近：%2）</source>
        <translation>%1 (closest: %2)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="374" />
        <source>“%1”表未导入的列：%2（可在第二步指定）</source>
        <translation>Columns of sheet '%1' not imported: %2 (map them in step 2)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="392" />
        <source>（请选择，选择前不导入）</source>
        <translation>(choose; not imported until you do)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="394" />
        <source>作为新项目导入</source>
        <translation>Import as a new project</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="396" />
        <source>就是：%1</source>
        <translation>It is: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="399" />
        <source>都不是，作为新项目导入</source>
        <translation>None of these: import as a new project</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="417" />
        <source>“%1”可能就是已有企业“%2”（相似度 %3），勾选则合并</source>
        <translation>"%1" may be the existing company "%2" (similarity %3); tick to merge</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="295" />
        <source>共 %1 条问题，其中 %2 条错误（对应的行不会导入）。</source>
        <translation>%1 problems, %2 of them errors (those rows will not be imported).</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="304" />
        <source> 严格模式下有无效行，不能导入。</source>
        <translation> Strict mode: there are invalid rows, nothing can be imported.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="306" />
        <source> 没有需要写入的内容。</source>
        <translation> Nothing to write.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="345" />
        <source>将由项目表新建企业 %1 家。</source>
        <translation>%1 companies will be created from the projects sheet.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="347" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="348" />
        <source>园区</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="349" />
        <source>产业链</source>
        <translation>Industry chain</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="354" />
        <source>将新建</source>
        <translation>will be created</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="356" />
        <source>不会关联（在第一步勾选“新建未知…”可新建）</source>
        <translation>will not be linked (tick "Create unknown…" in step 1 to create them)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="445" />
        <source>选择已更改，请点“按以上选择重新检查”，检查后才能导入。</source>
        <translation>Choices changed: click 'Check again with these choices'; you can import once it is checked.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="483" />
        <source>台账导入问题清单：%1</source>
        <translation>Ledger import problems: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/wizard.py" line="488" />
        <source>问题清单已保存：%1</source>
        <translation>Problem list saved: %1</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="33" />
        <source>编辑问题</source>
        <translation>Edit problem</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="33" />
        <source>新增问题</source>
        <translation>New problem</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="38" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="36" />
        <source>项目 *</source>
        <translation>Project *</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="40" />
        <source>问题描述 *</source>
        <translation>Description *</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="41" />
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="43" />
        <source>提出日期</source>
        <translation>Raised on</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="44" />
        <source>办结期限</source>
        <translation>Due on</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="46" />
        <source>请选择项目</source>
        <translation>Choose a project</translation>
    </message>
    <message>
        <location filename="../../ui/problems/dialogs.py" line="47" />
        <source>请填写问题描述</source>
        <translation>Describe the problem</translation>
    </message>
</context>
<context>
    <name>ProblemsScreen</name>
    <message>
        <location filename="../../ui/problems/screen.py" line="56" />
        <source>搜索问题描述或项目名称</source>
        <translation>Search description or project name</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="59" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="62" />
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="63" />
        <location filename="../../ui/problems/screen.py" line="116" />
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="64" />
        <source>只看超期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="72" />
        <source>新增问题</source>
        <translation>New problem</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="73" />
        <source>开始办理</source>
        <translation>Start work</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="74" />
        <source>销号</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="75" />
        <location filename="../../ui/problems/screen.py" line="204" />
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="105" />
        <location filename="../../ui/problems/screen.py" line="122" />
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="109" />
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="112" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="114" />
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="119" />
        <source>提出日期</source>
        <translation>Raised on</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="121" />
        <source>办结期限</source>
        <translation>Due on</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="124" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="126" />
        <source>销号日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="150" />
        <source>共 {n} 条</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="143" />
        <source>问题清单</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="170" />
        <source>问题：{d}</source>
        <translation>Problem: {d}</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="172" />
        <source>办理结果：{r}</source>
        <translation>Resolution: {r}</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="204" />
        <source>重新打开已销号的问题？</source>
        <translation>Reopen the closed problem?</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="209" />
        <source>删除问题</source>
        <translation>Delete problem</translation>
    </message>
    <message>
        <location filename="../../ui/problems/screen.py" line="209" />
        <source>删除选中的问题？</source>
        <translation>Delete the selected problem?</translation>
    </message>
</context>
<context>
    <name>ProgressTab</name>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="52" />
        <source>设置年度目标</source>
        <translation>Set annual targets</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="55" />
        <source>完成率与序时进度（%）</source>
        <translation>Completion and time elapsed (%)</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="69" />
        <source>{year} 年序时进度：{pct}</source>
        <translation>{year} time elapsed: {pct}</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="74" />
        <source>签约投资额（万元）</source>
        <translation>Signed investment (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="75" />
        <source>签约项目（个）</source>
        <translation>Signed projects</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="76" />
        <source>到位资金（万元）</source>
        <translation>Funds in place (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="77" />
        <source>亿元以上项目（个）</source>
        <translation>Projects over 100M CNY</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="100" />
        <source>指标</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="101" />
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="102" />
        <source>年度目标</source>
        <translation>Annual targets</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="103" />
        <location filename="../../ui/teams/progress_tab.py" line="116" />
        <source>完成率</source>
        <translation>Completion</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="104" />
        <source>较序时进度</source>
        <translation>vs. time elapsed</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="118" />
        <source>序时进度</source>
        <translation>Time elapsed</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="131" />
        <source>未设目标</source>
        <translation>No target</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="80" />
        <source>超序时进度 {p} 个百分点</source>
        <translation>{p} points ahead of time elapsed</translation>
    </message>
    <message>
        <location filename="../../ui/teams/progress_tab.py" line="80" />
        <source>落后序时进度 {p} 个百分点</source>
        <translation>{p} points behind time elapsed</translation>
    </message>
</context>
<context>
    <name>ProjectColumns</name>
    <message>
        <location filename="../../ui/projects/columns.py" line="134" />
        <source>亿元</source>
        <extracomment>Alignment by kind: dates and stages centred, amounts and counts to the right. Text colour by column (a value that needs attention).</extracomment>
        <translation>×100M CNY</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="136" />
        <source>万元</source>
        <translation>×10k CNY</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="81" />
        <source>项目名称</source>
        <extracomment>Columns shown when the user has not chosen, in their default order (others are in the header's menu): at 1366×768 name, stage, amount and team are in view beside the detail panel. Default widths in characters of the table's font (at least the header's own text). All columns, in default order.</extracomment>
        <translation>Project name</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="82" />
        <source>项目编号</source>
        <translation>Project code</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="83" />
        <source>投资方</source>
        <translation>Investor</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="84" />
        <source>企业标签</source>
        <translation>Company tags</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="85" />
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="86" />
        <source>产业链</source>
        <translation>Industry chain</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="89" />
        <source>来源地</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="93" />
        <source>落地园区</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="94" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="95" />
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="98" />
        <source>协议投资额（%1）</source>
        <translation>Planned (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="102" />
        <source>到位资金（%1）</source>
        <translation>Funds in place (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="103" />
        <source>签约日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="105" />
        <source>资金到位日期</source>
        <translation>Funded on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="108" />
        <source>开工日期</source>
        <translation>Started on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="111" />
        <source>投产日期</source>
        <translation>Operating on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="114" />
        <source>本阶段天数</source>
        <translation>Days in stage</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="118" />
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="121" />
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../ui/projects/columns.py" line="122" />
        <source>未销号问题</source>
        <translation>Open problems</translation>
    </message>
</context>
<context>
    <name>ProjectDetailPanel</name>
    <message>
        <location filename="../../ui/projects/detail.py" line="108" />
        <location filename="../../ui/projects/detail.py" line="298" />
        <source>未选择项目</source>
        <extracomment>The user wants to log an activity / raise a problem for this project id. The user wants to correct / delete this funds entry (entry id).</extracomment>
        <translation>No project selected</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="124" />
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="125" />
        <location filename="../../ui/projects/detail.py" line="137" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="126" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="127" />
        <source>协议</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="128" />
        <location filename="../../ui/projects/detail.py" line="242" />
        <source>说明</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="129" />
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="130" />
        <source>记录时间</source>
        <translation>Recorded at</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="122" />
        <source>阶段历程</source>
        <translation>Stage history</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="138" />
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="139" />
        <source>内容</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="140" />
        <source>参与人</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="141" />
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="135" />
        <source>跟进记录</source>
        <translation>Activities</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="147" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="145" />
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="149" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="148" />
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="150" />
        <source>提出日期</source>
        <translation>Raised on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="151" />
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="152" />
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="158" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="159" />
        <source>修改人</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="160" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="161" />
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="162" />
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="163" />
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="156" />
        <source>变更历史</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="179" />
        <source>记录跟进</source>
        <translation>Log follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="180" />
        <source>提出问题</source>
        <translation>Raise problem</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="207" />
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="211" />
        <source>项目编号</source>
        <translation>Project code</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="212" />
        <source>投资方</source>
        <translation>Investor</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="213" />
        <source>企业标签</source>
        <translation>Company tags</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="214" />
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="215" />
        <source>产业链</source>
        <translation>Industry chain</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="216" />
        <source>来源地</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="217" />
        <source>落地园区</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="218" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="219" />
        <source>当前阶段</source>
        <translation>Current stage</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="220" />
        <source>协议投资额</source>
        <translation>Planned investment</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="221" />
        <location filename="../../ui/projects/detail.py" line="269" />
        <source>到位资金</source>
        <translation>Funds in place</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="222" />
        <source>签约日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="223" />
        <source>开工日期</source>
        <translation>Started on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="224" />
        <source>投产日期</source>
        <translation>Operating on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="225" />
        <source>责任单位/责任人</source>
        <translation>Responsible unit / person</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="226" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="237" />
        <source>到位日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="238" />
        <source>金额（万元）</source>
        <translation>Amount (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="239" />
        <source>累计（万元）</source>
        <translation>Cumulative (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="240" />
        <source>其中固定资产（万元）</source>
        <translation>Fixed assets (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="241" />
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="252" />
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="312" />
        <location filename="../../ui/projects/detail.py" line="437" />
        <source>亿元</source>
        <translation>×100M CNY</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="312" />
        <location filename="../../ui/projects/detail.py" line="437" />
        <source>万元</source>
        <translation>×10k CNY</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="342" />
        <source>保密线索</source>
        <translation>Confidential lead</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="351" />
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="439" />
        <source>累计到位 %1 / 协议投资 %2 %3</source>
        <translation>Received %1 of planned %2 %3</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="469" />
        <source>撤销误操作</source>
        <translation>Undo of a mistaken move</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="477" />
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="478" />
        <source>阶段变更</source>
        <translation>Stage move</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="473" />
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="474" />
        <source>修改</source>
        <translation>Update</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="253" />
        <location filename="../../ui/projects/detail.py" line="475" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/projects/detail.py" line="476" />
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
</context>
<context>
    <name>ProjectFilterBar</name>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="41" />
        <source>全部阶段</source>
        <translation>All stages</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="43" />
        <source>全部行业</source>
        <translation>All industries</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="44" />
        <source>全部产业链</source>
        <translation>All chains</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="45" />
        <source>全部工作队</source>
        <translation>All teams</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="46" />
        <source>全部企业标签</source>
        <translation>All company tags</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="47" />
        <source>全部来源区域</source>
        <translation>All regions</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="48" />
        <source>全部来源省份</source>
        <translation>All provinces</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="49" />
        <source>全部落地地区</source>
        <translation>All landing areas</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="62" />
        <source>日期不限</source>
        <extracomment>Each single-choice combo, the list of ProjectChoices it offers and the field of ProjectFilter it sets.</extracomment>
        <translation>Any date</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="63" />
        <source>签约日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="64" />
        <source>资金到位日期</source>
        <translation>Funded on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="65" />
        <source>开工日期</source>
        <translation>Started on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="66" />
        <source>投产日期</source>
        <translation>Operating on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="67" />
        <source>终止日期</source>
        <translation>Dropped on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="68" />
        <source>进入本阶段日期</source>
        <translation>Stage reached on</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="152" />
        <source>最低（亿元）</source>
        <translation>Min (×100M CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="153" />
        <source>最高（亿元）</source>
        <translation>Max (×100M CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="155" />
        <source>最低（万元）</source>
        <translation>Min (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="156" />
        <source>最高（万元）</source>
        <translation>Max (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="79" />
        <source>有逾期问题</source>
        <translation>Overdue problems</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="80" />
        <source>重大项目</source>
        <translation>Major project</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="81" />
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="86" />
        <source>点击取消这一条件</source>
        <translation>Click to remove this condition</translation>
    </message>
    <message>
        <location filename="../../ui/projects/filter_bar.py" line="119" />
        <source>投资额</source>
        <translation>Amount</translation>
    </message>
</context>
<context>
    <name>ProjectForm</name>
    <message>
        <location filename="../../ui/projects/form.py" line="68" />
        <source>编辑项目</source>
        <translation>Edit project</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="68" />
        <source>新建项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="126" />
        <source>项目名称 *</source>
        <extracomment>(name, investor) as loaded, for an edit: unchanged, no duplicate question. The form's values as loaded (an edit): only the fields edited since are written, so a value the form cannot show (a park since deleted) is neither cleared nor checked again. The change-log number the record was read at: a field someone else changed since is refused on saving (crm.services.records.refuse_changed_since), never overwritten.</extracomment>
        <translation>Project name *</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="127" />
        <source>项目编号</source>
        <translation>Project code</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="128" />
        <source>投资方</source>
        <translation>Investor</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="129" />
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="130" />
        <source>产业链</source>
        <translation>Industry chain</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="132" />
        <source>协议投资额（万元） *</source>
        <translation>Planned investment (×10k CNY) *</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="135" />
        <source>其中外资（万元）</source>
        <translation>Of which foreign (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="139" />
        <source>来源地</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="143" />
        <source>来源国家/地区</source>
        <translation>Source country/region</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="145" />
        <source>落地地区</source>
        <translation>Landing place</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="146" />
        <source>落地园区</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="147" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="148" />
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="150" />
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="151" />
        <source>重大项目</source>
        <translation>Major project</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="153" />
        <source>保密线索</source>
        <translation>Confidential lead</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="154" />
        <source>预计就业（人）</source>
        <translation>Expected jobs</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="156" />
        <source>预计年产值（万元）</source>
        <translation>Expected annual output (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="159" />
        <source>预计签约日期</source>
        <translation>Expected signing</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="162" />
        <source>预计开工日期</source>
        <translation>Expected start</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="165" />
        <source>预计投产日期</source>
        <translation>Expected operation</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="167" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="172" />
        <source>可能与已有项目重复：</source>
        <translation>May duplicate a project already entered:</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="172" />
        <source>打开已有项目</source>
        <translation>Open the existing project</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="239" />
        <source>请填写协议投资额（万元），尚不清楚时填 0</source>
        <translation>Enter the agreed investment (10k CNY); 0 if not known yet</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="273" />
        <source>请选择工作队</source>
        <translation>Choose a team</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="340" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="181" />
        <source>整数</source>
        <translation>Whole number</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="186" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="235" />
        <source>请填写项目名称</source>
        <translation>Enter the project name</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="237" />
        <source>项目名称不能超过300字</source>
        <translation>The name may have at most 300 characters</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="241" />
        <source>请输入数字（万元）</source>
        <translation>Enter a number (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="245" />
        <source>其中外资不能超过协议投资额</source>
        <translation>Foreign capital cannot exceed the planned investment</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="247" />
        <source>请从列表中选择投资方，或清空</source>
        <translation>Choose an investor from the list, or clear the field</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="253" />
        <source>请输入整数</source>
        <translation>Enter a whole number</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="260" />
        <source>日期格式：2025-03-31</source>
        <translation>Date format: 2025-03-31</translation>
    </message>
    <message>
        <location filename="../../ui/projects/form.py" line="340" />
        <source>仍然保存</source>
        <translation>Save anyway</translation>
    </message>
</context>
<context>
    <name>ProjectPicker</name>
    <message>
        <location filename="../../ui/activities/forms.py" line="227" />
        <source>输入名称查找</source>
        <extracomment>The user typed or chose (a list filled by the program changes the project, not this).</extracomment>
        <translation>Type a name to search</translation>
    </message>
    <message>
        <location filename="../../ui/activities/forms.py" line="261" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>ProjectsScreen</name>
    <message>
        <location filename="../../ui/projects/screen.py" line="147" />
        <source>新建项目</source>
        <extracomment>Tables whose changes the projects list shows. A project shown in the detail panel although the filters hide it (just saved). The stalled thresholds from the settings (re-read when the settings change).</extracomment>
        <translation>New project</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="148" />
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="149" />
        <location filename="../../ui/projects/stage_funds.py" line="127" />
        <source>变更阶段</source>
        <translation>Change stage</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="150" />
        <source>记录到位资金</source>
        <translation>Record funds</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="151" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="153" />
        <source>合并重复…</source>
        <translation>Merge duplicates…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="156" />
        <source>在列表中选中两个重复的项目（按住 Ctrl 点选），合并为一个</source>
        <translation>Select two duplicate projects in the list (Ctrl+click) to merge them into one</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="159" />
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="162" />
        <source>把当前筛选结果（显示的列）导出为 Excel</source>
        <translation>Export the filtered list (visible columns) to Excel</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="175" />
        <source>表格</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="176" />
        <source>看板</source>
        <translation>Board</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="184" />
        <source>列…</source>
        <translation>Columns…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="188" />
        <source>万元</source>
        <translation>×10k CNY</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="189" />
        <source>亿元</source>
        <translation>×100M CNY</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="262" />
        <source>保存视图</source>
        <translation>Save view</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="262" />
        <source>视图名称</source>
        <translation>View name</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="298" />
        <source>正在统计看板…</source>
        <translation>Counting the board…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="376" />
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="378" />
        <source>新项目已保存（编号 %1），不在当前筛选结果中，已在右侧显示。</source>
        <translation>New project saved (code %1). It is not in the current filter results and is shown on the right.</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="380" />
        <source>项目“%2”（编号 %1）不在当前筛选结果中，已在右侧显示。</source>
        <translation>Project “%2” (code %1) is not in the current filter results and is shown on the right.</translation>
    </message>
    <message>
        <location filename="../../ui/projects/screen.py" line="468" />
        <source>项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../ui/projects/record_actions.py" line="78" />
        <source>删除项目“%1”（%2）？可用 Ctrl+Z 撤销。</source>
        <extracomment>How long a refusal stays in the status bar (ms). Texts are translated in ProjectsScreen's context, where these methods were and the .ts keeps their English (QCoreApplication.translate written out, for pylupdate to find).</extracomment>
        <translation>Delete the project “%1” (%2)? Ctrl+Z undoes it.</translation>
    </message>
    <message>
        <location filename="../../ui/projects/record_actions.py" line="84" />
        <location filename="../../ui/projects/record_actions.py" line="94" />
        <source>删除项目</source>
        <translation>Delete project</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="74" />
        <source>变更为“%1”</source>
        <extracomment>The user cancelled a question (distinct from None, "no question asked").</extracomment>
        <translation>Move to "%1"</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="80" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="82" />
        <source>终止原因</source>
        <translation>Reason for dropping</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="171" />
        <source>%1 万元（%2 到位）</source>
        <translation>%1 ×10k CNY (received %2)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="178" />
        <source>删除唯一一笔到位资金</source>
        <translation>Deleted its only funds entry</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="207" />
        <location filename="../../ui/projects/stage_funds.py" line="214" />
        <source>删除到位资金</source>
        <translation>Delete funds entry</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="219" />
        <source>%1 是项目唯一一笔到位资金。删除后，项目阶段“资金到位”怎么处理？</source>
        <translation>%1 is the project's only funds entry. Once it is deleted, what becomes of the stage 'Funded'?</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="223" />
        <source>（可用 Ctrl+Z 撤销）</source>
        <translation> (Ctrl+Z undoes it)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="227" />
        <source>退回“签约”（记为更正）</source>
        <translation>Back to 'Signed' (a correction)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="229" />
        <source>保持“资金到位”</source>
        <translation>Keep 'Funded'</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="233" />
        <source>删除这笔到位资金：%1？（可用 Ctrl+Z 撤销）</source>
        <translation>Delete this funds entry: %1? (Ctrl+Z undoes it)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_funds.py" line="238" />
        <source>删除后项目的资金到位日期将由 %1 改为 %2（下一笔到位资金的日期）。</source>
        <translation>The project's funded date then changes from %1 to %2 (the next entry's date).</translation>
    </message>
    <message>
        <location filename="../../ui/projects/record_actions.py" line="124" />
        <source>请先在列表中选中两个重复的项目（按住 Ctrl 点选），再合并。</source>
        <translation>First select two duplicate projects in the list (Ctrl+click), then merge.</translation>
    </message>
</context>
<context>
    <name>ProjectsTable</name>
    <message>
        <location filename="../../ui/widgets/record_table.py" line="79" />
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_table.py" line="80" />
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_table.py" line="81" />
        <source>协议投资（万元）</source>
        <translation>Planned (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_table.py" line="82" />
        <source>签约日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_table.py" line="85" />
        <source>到位资金（万元）</source>
        <translation>Funds in place (×10k CNY)</translation>
    </message>
</context>
<context>
    <name>QuickLogDialog</name>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="36" />
        <source>记录跟进</source>
        <translation>Log follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="36" />
        <source>编辑跟进记录</source>
        <translation>Edit follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="49" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="51" />
        <source>我方与对方人员，用顿号分隔</source>
        <translation>People on both sides, separated by 、</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="52" />
        <source>谈了什么、对方的意向</source>
        <translation>What was discussed, the investor's intent</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="44" />
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="45" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="46" />
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="47" />
        <source>企业</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="48" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="50" />
        <source>参加人员</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="53" />
        <source>内容摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="54" />
        <source>下一步工作</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../ui/activities/quick_log.py" line="55" />
        <source>下一步期限</source>
        <translation>Next step due</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="36" />
        <source>编辑诉求</source>
        <translation>Edit request</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="36" />
        <source>受理企业诉求</source>
        <translation>Receive a request</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="52" />
        <source>多个单位用顿号分隔</source>
        <translation>Separate several units with 、</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="39" />
        <source>企业 *</source>
        <translation>Company *</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="42" />
        <source>相关项目</source>
        <translation>Project (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="45" />
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="46" />
        <source>受理日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="47" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="48" />
        <source>诉求内容 *</source>
        <translation>Request *</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="49" />
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="50" />
        <source>协办单位</source>
        <translation>Assisting units</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="53" />
        <source>办理时限</source>
        <translation>Due on</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="55" />
        <source>请选择企业</source>
        <translation>Choose the company</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="56" />
        <source>请填写诉求内容</source>
        <translation>Enter the request</translation>
    </message>
</context>
<context>
    <name>RequestStepDialog</name>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="155" />
        <source>答复企业诉求</source>
        <translation>Reply to the request</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="156" />
        <source>答复内容 *</source>
        <translation>Reply *</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="157" />
        <source>答复日期</source>
        <translation>Replied on</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="161" />
        <source>回访</source>
        <translation>Return visit</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="162" />
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="163" />
        <source>回访日期</source>
        <translation>Visited on</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="164" />
        <source>回访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="165" />
        <source>回访记录</source>
        <translation>Visit notes</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="168" />
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="168" />
        <source>办结日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="170" />
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="170" />
        <source>理由 *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="174" />
        <source>督办</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="175" />
        <source>督办单位 *</source>
        <translation>Escalated to *</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="176" />
        <source>督办日期</source>
        <translation>Escalated on</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="178" />
        <source>重新办理</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="178" />
        <source>新的办理时限</source>
        <translation>New due date</translation>
    </message>
</context>
<context>
    <name>RequestsScreen</name>
    <message>
        <location filename="../../ui/requests/screen.py" line="65" />
        <source>搜索诉求内容、企业或承办单位</source>
        <extracomment>Which step buttons each status allows (the machine in crm/request_states.py decides; this only spares the user a click that would be refused).</extracomment>
        <translation>Search request, company or handling unit</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="68" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="70" />
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="71" />
        <location filename="../../ui/requests/screen.py" line="131" />
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="73" />
        <source>只看逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="83" />
        <source>受理诉求</source>
        <translation>Receive request</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="88" />
        <source>开始办理</source>
        <translation>Start work</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="89" />
        <source>答复…</source>
        <translation>Reply…</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="90" />
        <source>回访…</source>
        <translation>Return visit…</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="91" />
        <source>办结…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="92" />
        <source>不予受理…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="93" />
        <source>督办…</source>
        <translation>Escalate…</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="94" />
        <source>重新办理…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="126" />
        <source>受理日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="127" />
        <source>企业</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="128" />
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="129" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="130" />
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="132" />
        <source>办理时限</source>
        <translation>Due on</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="133" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="135" />
        <source>回访</source>
        <translation>Return visit</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="139" />
        <source>督办情况</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="172" />
        <source>办结率 {cp}，按时办结率 {op}，满意率 {sp}</source>
        <translation>closed {cp}, on time {op}, satisfied {sp}</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="177" />
        <source>今年以来：受理 {a} 件，办结 {c} 件，{shares}，逾期未办结 {o} 件（含项目问题）</source>
        <translation>This year: {a} accepted, {c} closed, {shares}, {o} overdue (project problems included)</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="140" />
        <source>已督办</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="145" />
        <source>（逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="180" />
        <source>共 {n} 条</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="206" />
        <source>诉求：{c}</source>
        <translation>Request: {c}</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="208" />
        <source>协办单位：{u}</source>
        <translation>Assisting units: {u}</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="211" />
        <source>答复（{d}）：{r}</source>
        <translation>Reply ({d}): {r}</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="214" />
        <source>不予受理理由：{r}</source>
        <translation>Rejected because: {r}</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="217" />
        <source>督办：{u}（{d}）</source>
        <translation>Escalated: {u} ({d})</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="222" />
        <source>重新办理 {n} 次</source>
        <translation>Reopened {n} times</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="233" />
        <source>回访 {d}{who}：{s}</source>
        <translation>Return visit {d}{who}: {s}</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="263" />
        <source>删除诉求</source>
        <translation>Delete request</translation>
    </message>
    <message>
        <location filename="../../ui/requests/screen.py" line="263" />
        <source>删除选中的诉求？</source>
        <translation>Delete the selected request?</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="26" />
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="31" />
        <source>恢复前会先备份当前数据；恢复后程序重新打开数据库。备份位于：%1</source>
        <translation>The current data is backed up first; the database is reopened after the restore. Backups are in: %1</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="40" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="40" />
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="40" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="40" />
        <source>项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="41" />
        <source>企业</source>
        <translation>Companies</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="41" />
        <source>跟进记录</source>
        <translation>Activities</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="50" />
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="54" />
        <source>正在读取备份…</source>
        <translation>Reading the backups…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="60" />
        <source>导入前</source>
        <translation>Before import</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="60" />
        <source>同步前</source>
        <translation>Before sync</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="61" />
        <source>定时</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="61" />
        <source>关闭时</source>
        <translation>On close</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="62" />
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="62" />
        <source>恢复前</source>
        <translation>Before restore</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="64" />
        <source>升级前 </source>
        <translation>Before upgrade </translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <location filename="../../ui/sync/panels.py" line="241" />
        <source>各处的修改各自有效，合在一起却违反了规则（例如开工早于签约）。数据已保留；请在项目上更正，更正后此处自动消除。</source>
        <translation>Changes valid on their own combined into a state the rules forbid (e.g. started before signed). The data is kept; correct the project and the entry clears by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="246" />
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="246" />
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panels.py" line="246" />
        <source>违反的规则</source>
        <translation>Rule broken</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../ui/screen.py" line="104" />
        <source>没有可撤销的操作。</source>
        <extracomment>A service call on one record: `delete_company(session, company_id)` and the like. Tables whose changes this screen shows (list, detail, choice lists); a change of others never reaches apply_change. The screen shows a table that File → Export writes to .xlsx (export_view). The form last opened (`_show`), for tests. The main window shows one screen at a time; the others mark themselves stale. What changed while this screen was not on show (None: nothing; it is up to date).</extracomment>
        <translation>Nothing to undo.</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../ui/widgets/search_box.py" line="25" />
        <source>搜索名称、拼音或首字母（Ctrl+F）</source>
        <translation>Search name, pinyin or initials (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>ServerSyncDialog</name>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="151" />
        <source>与服务器同步</source>
        <translation>Sync with server</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="158" />
        <source>局机关共享数据库的地址。密码不会被记住（可用 .pgpass 文件保存）。</source>
        <translation>The address of the bureau's shared database. The password is not remembered (keep it in a .pgpass file).</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="160" />
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="163" />
        <source>同步双向交换修改，全部完成才保存；中途失败或取消，两边都不变。</source>
        <translation>A sync exchanges changes both ways and keeps them only once all is done; if it fails or is cancelled midway, neither side changes.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="176" />
        <source>查看待同步</source>
        <translation>Count waiting changes</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="179" />
        <source>开始同步</source>
        <translation>Start sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="182" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="185" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="195" />
        <location filename="../../ui/sync/dialogs.py" line="240" />
        <source>请填写服务器地址。</source>
        <translation>Enter the server's address.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="201" />
        <source>正在发送本站点的修改…</source>
        <translation>Sending this site's changes…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="201" />
        <source>正在接收服务器的修改…</source>
        <translation>Receiving the server's changes…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="204" />
        <source>正在连接服务器…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="253" />
        <source>待发送 %1 项，待接收 %2 项。</source>
        <translation>%1 changes waiting to go, %2 waiting to come.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="269" />
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="309" />
        <source>（本次同步的修改均未保存。）</source>
        <translation> (Nothing of this sync was kept.)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="313" />
        <source>本站点（%1 个项目）与服务器（%2 个项目）从未同步过，</source>
        <translation>This site (%1 projects) and the server (%2 projects) have never synced </translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="316" />
        <source>也没有一个相同的项目，像是两个单位各自的数据库。</source>
        <translation>and share no project, like two bureaus' own databases. </translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="317" />
        <source>把两边的数据合并在一起？</source>
        <translation>Merge both sides' data?</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="319" />
        <source>合并两个数据库？</source>
        <translation>Merge two databases?</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="322" />
        <source>未同步，未写入任何数据。</source>
        <translation>Not synced; nothing was written.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="327" />
        <source>已取消，未写入任何数据。</source>
        <translation>Cancelled; nothing was written.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/dialogs.py" line="293" />
        <source>已与服务器同步：发送 %1 项，接收 %2 项，待处理冲突 %3 项。</source>
        <translation>Synced with the server: %1 sent, %2 received, %3 conflicts to settle.</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/settings/screen.py" line="76" />
        <source>投促局名称</source>
        <translation>Bureau name</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="79" />
        <source>本单位所在地区</source>
        <translation>Bureau's region</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="80" />
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="82" />
        <source>单位级别</source>
        <translation>Bureau level</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="83" />
        <source>（按所在地区）</source>
        <translation>(from the region)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="84" />
        <source>省级（省、自治区、直辖市）</source>
        <translation>Province (province, autonomous region, municipality)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="85" />
        <source>市级</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="86" />
        <source>县级（县、区）</source>
        <translation>County (county, district)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="89" />
        <source>本地资金</source>
        <translation>Own-area money</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="90" />
        <source>总体数字计入来自本地（市内/县内）的资金</source>
        <translation>Count money from inside the bureau's own area in the headline figures</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="93" />
        <source>项目编号格式</source>
        <translation>Project code pattern</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="96" />
        <source>{year} 为年份，{seq:05d} 为当年流水号（5位），如 ZS{year}-{seq:05d}</source>
        <translation>{year} is the year, {seq:05d} the year's running number (5 digits), e.g. ZS{year}-{seq:05d}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="100" />
        <source>我的姓名（记入变更记录）</source>
        <translation>My name (for the change log)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="103" />
        <source>我的工作队</source>
        <translation>My team</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="103" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="105" />
        <source>界面语言（重启后生效）</source>
        <translation>Interface language (after restart)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="109" />
        <source>签约未开工提醒（天）</source>
        <translation>Signed, not started after (days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="112" />
        <source>开工未投产提醒（天）</source>
        <translation>Started, not operating after (days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="115" />
        <source>无跟进提醒（天）</source>
        <translation>No follow-up for (days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="121" />
        <source>金额单位（项目页，与其工具栏相同）</source>
        <translation>Amount unit (Projects; same as its toolbar)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="123" />
        <source>万元</source>
        <translation>×10k CNY</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="124" />
        <source>亿元</source>
        <translation>×100M CNY</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="126" />
        <source>项目列表、看板和详情的金额单位；项目页工具栏右侧的单位选择是同一设置</source>
        <translation>The unit of amounts in the projects list, board and details; the unit choice at the right of the Projects toolbar is the same setting</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="129" />
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="156" />
        <source>印在简报和通报末尾的发送范围，每项一行，如 报：市委、市政府领导。送：各县（市、区）人民政府。发：各驻点招商工作队。不填则不印</source>
        <translation>The distribution printed at the end of briefs and notices, one line each, e.g. 报：市委、市政府领导。送：各县（市、区）人民政府。发：各驻点招商工作队。 Left empty, nothing is printed</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="160" />
        <source>简报发送范围：报</source>
        <translation>Distribution: 报 (to superiors)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="160" />
        <source>如：市委、市政府领导。</source>
        <translation>e.g. 市委、市政府领导。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="161" />
        <source>简报发送范围：送</source>
        <translation>Distribution: 送 (to peers)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="161" />
        <source>如：各县（市、区）人民政府。</source>
        <translation>e.g. 各县（市、区）人民政府。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="162" />
        <source>简报发送范围：发</source>
        <translation>Distribution: 发 (to subordinates)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="162" />
        <source>如：各驻点招商工作队。</source>
        <translation>e.g. 各驻点招商工作队。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="215" />
        <source>数据库位置：%1</source>
        <translation>Database location: %1</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="256" />
        <source>已保存（%1）</source>
        <translation>Saved (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/screen.py" line="258" />
        <source>界面语言将在重新启动后生效。</source>
        <translation>The interface language changes after a restart.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/help/dialogs.py" line="90" />
        <source>键盘快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/help/dialogs.py" line="104" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/help/dialogs.py" line="104" />
        <source>快捷键</source>
        <translation>Shortcut</translation>
    </message>
</context>
<context>
    <name>StageMoveDialog</name>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="58" />
        <source>重新启用项目</source>
        <translation>Reopen project</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="58" />
        <source>变更阶段</source>
        <translation>Change stage</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="60" />
        <source>当前阶段</source>
        <translation>Current stage</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="64" />
        <source>变更为</source>
        <translation>Move to</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="67" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="69" />
        <source>（未注明）</source>
        <translation>(not stated)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="72" />
        <source>协议类型</source>
        <translation>Agreement type</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="75" />
        <source>终止原因 *</source>
        <translation>Reason for dropping *</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="78" />
        <source>说明</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="84" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="111" />
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="123" />
        <source>跳过的“%1”日期</source>
        <translation>Date of skipped "%1"</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="138" />
        <source>请填写日期（yyyy-mm-dd）</source>
        <translation>Enter a date (yyyy-mm-dd)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="140" />
        <source>终止项目需要填写原因</source>
        <translation>Dropping a project needs a reason</translation>
    </message>
    <message>
        <location filename="../../ui/projects/stage_dialog.py" line="143" />
        <source>填写日期或勾选不适用</source>
        <translation>Enter a date or tick "not applicable"</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../ui/requests/dialogs.py" line="104" />
        <source>此项必填</source>
        <translation>Required</translation>
    </message>
</context>
<context>
    <name>SyncLabels</name>
    <message>
        <location filename="../../ui/sync/labels.py" line="13" />
        <source>企业</source>
        <translation>Companies</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="14" />
        <source>企业榜单</source>
        <translation>Company lists</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="15" />
        <source>联系人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="16" />
        <source>园区</source>
        <translation>Parks</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="17" />
        <source>驻点工作队</source>
        <translation>Teams</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="18" />
        <source>队员</source>
        <translation>Team members</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="19" />
        <source>年度目标</source>
        <translation>Annual targets</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="20" />
        <source>项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="21" />
        <source>阶段记录</source>
        <translation>Stage history</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="22" />
        <source>到位资金</source>
        <translation>Funds in place</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="23" />
        <source>跟进记录</source>
        <translation>Activities</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="24" />
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="25" />
        <source>局里的设置</source>
        <translation>Bureau settings</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="74" />
        <source>“%2”的日期早于“%1”</source>
        <translation>'%2' is dated before '%1'</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="77" />
        <source>终止日期早于“%1”</source>
        <translation>Dropped before '%1'</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="42" />
        <source>字段冲突</source>
        <translation>Field conflict</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="43" />
        <source>删除与修改冲突</source>
        <translation>Delete vs edit</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="44" />
        <source>编号重复</source>
        <translation>Duplicate code</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="45" />
        <source>规则待复核</source>
        <translation>Rule to review</translation>
    </message>
</context>
<context>
    <name>SyncOutcome</name>
    <message>
        <location filename="../../ui/sync/labels.py" line="92" />
        <source>本站点的%1让出编号 %2：对方的记录先用了它，本站点这条改为无编号（在“冲突”中处理）。</source>
        <translation>This site's %1 gives up the code %2: the sender's record claimed it first, so this one is left without a code (settle it under Conflicts).</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="100" />
        <source>项目“%1”的%2</source>
        <translation>%2 of project '%1'</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="106" />
        <source>已拒绝：%1（%2 项修改）：%3</source>
        <translation>Refused: %1 (%2 changes): %3</translation>
    </message>
</context>
<context>
    <name>SyncRecord</name>
    <message>
        <location filename="../../ui/sync/labels.py" line="30" />
        <source>企业</source>
        <extracomment>One record's kind (singular, where the table's name above is plural in English).</extracomment>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="31" />
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="32" />
        <source>到位资金</source>
        <translation>Funds entry</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="33" />
        <source>跟进记录</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="34" />
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="35" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="36" />
        <source>园区</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="37" />
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../ui/sync/labels.py" line="58" />
        <source>%1“%2”</source>
        <translation>%1 '%2'</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../ui/sync/screen.py" line="50" />
        <source>已配对站点</source>
        <extracomment>The last operation started here (tests wait for it).</extracomment>
        <translation>Paired sites</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="55" />
        <location filename="../../ui/sync/screen.py" line="96" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="56" />
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="57" />
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="58" />
        <source>上次交换</source>
        <translation>Last exchange</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="59" />
        <source>待发送</source>
        <translation>Waiting to go</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="60" />
        <source>已收到对方</source>
        <translation>Received from it</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="79" />
        <source>本站点</source>
        <translation>This site</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="91" />
        <source>修改名称…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="97" />
        <source>站点编号</source>
        <translation>Site id</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="98" />
        <source>密钥指纹</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="104" />
        <source>导出同步包…</source>
        <translation>Export package…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="105" />
        <source>导入同步包…</source>
        <translation>Import package…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="106" />
        <source>与服务器同步…</source>
        <translation>Sync with server…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="107" />
        <source>配对…</source>
        <translation>Pair…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="108" />
        <source>导出本站身份…</source>
        <translation>Export this site's identity…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="118" />
        <source>同步包 (*.zspkg);;所有文件 (*)</source>
        <translation>Sync packages (*.zspkg);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="121" />
        <source>站点身份文件 (*.json);;所有文件 (*)</source>
        <translation>Site identity files (*.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="130" />
        <source>正在读取同步状态…</source>
        <translation>Reading the sync status…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="144" />
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="149" />
        <source>服务器</source>
        <translation>server</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="149" />
        <source>同步包</source>
        <translation>packages</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="155" />
        <source>至第 %1 项</source>
        <translation>up to no. %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="162" />
        <source>冲突（%1）</source>
        <translation>Conflicts (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="164" />
        <source>规则待复核（%1）</source>
        <translation>Rules to review (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="166" />
        <source>疑似重复（%1）</source>
        <translation>Possible duplicates (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="175" />
        <source>还没有可以发送同步包的站点。请先“配对…”导入对方的身份文件。</source>
        <translation>No site to send a package to yet. Use Pair… to import the other site's identity file first.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="182" />
        <location filename="../../ui/sync/screen.py" line="195" />
        <source>导出同步包</source>
        <translation>Export package</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="183" />
        <source>发给哪个站点？</source>
        <translation>Which site is the package for?</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="201" />
        <source>已导出同步包：%1
发往“%2”，%3 项修改。请把这个文件交给对方导入。</source>
        <translation>Package written: %1
For '%2', %3 changes. Hand the file to that site to import.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="214" />
        <source>正在导出同步包…</source>
        <translation>Writing the package…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="222" />
        <source>导入同步包</source>
        <translation>Import package</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="228" />
        <source>正在核对同步包…</source>
        <translation>Checking the package…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="237" />
        <source>正在预览同步包…</source>
        <translation>Previewing the package…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="250" />
        <location filename="../../ui/sync/screen.py" line="274" />
        <source>正在导入同步包…</source>
        <translation>Importing the package…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="259" />
        <source>已导入来自“%1”的 %2 项修改。</source>
        <translation>Imported %2 changes from '%1'.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="262" />
        <source>待处理冲突 %1 项。</source>
        <translation> %1 conflicts to settle.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="265" />
        <source>导入前的备份：%1</source>
        <translation>Backup before import: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="292" />
        <source>选择对方的站点身份文件</source>
        <translation>Choose the other site's identity file</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="307" />
        <source>已与“%1”配对。</source>
        <translation>Paired with '%1'.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="307" />
        <source>已更新“%1”的公钥。</source>
        <translation>Updated the keys of '%1'.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="324" />
        <source>本站点名称</source>
        <translation>This site's name</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="325" />
        <source>对方靠这个名称区分各站点。留空则用本机工作队的名称，没有工作队时用局名。</source>
        <translation>Peers tell the sites apart by this name. Leave it empty to use this computer's team, or the bureau's name when no team is set.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="339" />
        <source>导出本站身份</source>
        <translation>Export this site's identity</translation>
    </message>
    <message>
        <location filename="../../ui/sync/screen.py" line="346" />
        <source>已写入身份文件：%1
指纹：%2
请把文件交给对方，并通过电话核对指纹。</source>
        <translation>Identity written: %1
Fingerprint: %2
Hand the file over and compare the fingerprint by phone.</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="57" />
        <source>添加企业标签</source>
        <translation>Add company tag</translation>
    </message>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="59" />
        <source>榜单</source>
        <translation>Lists</translation>
    </message>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="61" />
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="63" />
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../ui/companies/dialogs.py" line="65" />
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
</context>
<context>
    <name>TagsTable</name>
    <message>
        <location filename="../../ui/companies/detail.py" line="46" />
        <source>榜单</source>
        <translation>Lists</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="47" />
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="48" />
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../ui/companies/detail.py" line="49" />
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
</context>
<context>
    <name>TalliesTab</name>
    <message>
        <location filename="../../ui/teams/tallies_tab.py" line="20" />
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/teams/tallies_tab.py" line="21" />
        <source>走访企业（家）</source>
        <translation>Companies visited</translation>
    </message>
    <message>
        <location filename="../../ui/teams/tallies_tab.py" line="22" />
        <source>洽谈（次）</source>
        <translation>Negotiations</translation>
    </message>
    <message>
        <location filename="../../ui/teams/tallies_tab.py" line="23" />
        <source>外出（天）</source>
        <translation>Days away</translation>
    </message>
    <message>
        <location filename="../../ui/teams/tallies_tab.py" line="24" />
        <source>新增线索（个）</source>
        <translation>New leads</translation>
    </message>
    <message>
        <location filename="../../ui/teams/tallies_tab.py" line="20" />
        <source>{m}月</source>
        <translation>Month {m}</translation>
    </message>
    <message>
        <location filename="../../ui/teams/tallies_tab.py" line="29" />
        <source>合计</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>TargetDialog</name>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="76" />
        <source>年度目标</source>
        <translation>Annual targets</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="62" />
        <source>设定年度目标</source>
        <translation>Set an annual target</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="69" />
        <source>县（市、区）行政区划代码，如 450102</source>
        <translation>County code (GB/T 2260), e.g. 450102</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="77" />
        <source>金额为万元，其余为个数</source>
        <translation>Amounts in ×10k CNY, counts otherwise</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="64" />
        <location filename="../../ui/teams/dialogs.py" line="78" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="67" />
        <source>对象</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="68" />
        <source>县（市、区）</source>
        <translation>County / district</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="70" />
        <source>园区</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="74" />
        <source>指标</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch/dialogs.py" line="76" />
        <source>目标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="82" />
        <source>签约投资额（万元）</source>
        <translation>Signed investment (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="84" />
        <source>签约项目数</source>
        <translation>Signed projects</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="85" />
        <source>到位资金（万元）</source>
        <translation>Funds in place (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="87" />
        <source>亿元以上项目数</source>
        <translation>Projects over 100M CNY</translation>
    </message>
</context>
<context>
    <name>TargetsTab</name>
    <message>
        <location filename="../../ui/teams/targets_tab.py" line="25" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/teams/targets_tab.py" line="26" />
        <source>签约投资额（万元）</source>
        <translation>Signed investment (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/teams/targets_tab.py" line="27" />
        <source>签约项目（个）</source>
        <translation>Signed projects</translation>
    </message>
    <message>
        <location filename="../../ui/teams/targets_tab.py" line="28" />
        <source>到位资金（万元）</source>
        <translation>Funds in place (×10k CNY)</translation>
    </message>
    <message>
        <location filename="../../ui/teams/targets_tab.py" line="29" />
        <source>亿元以上项目（个）</source>
        <translation>Projects over 100M CNY</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="32" />
        <source>编辑工作队</source>
        <translation>Edit team</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="32" />
        <source>新增工作队</source>
        <translation>New team</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="35" />
        <source>如：南宁市驻深圳招商工作队</source>
        <translation>e.g. Nanning resident team in Shenzhen</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="37" />
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="34" />
        <source>名称 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="36" />
        <source>派出单位</source>
        <translation>Home unit</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="39" />
        <source>驻点城市</source>
        <translation>Station city</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="41" />
        <source>对接区域</source>
        <translation>Region group</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="42" />
        <source>队长</source>
        <translation>Leader</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="43" />
        <source>派驻开始</source>
        <translation>Posted from</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="44" />
        <source>派驻结束</source>
        <translation>Posted until</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="45" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/teams/dialogs.py" line="47" />
        <source>请填写工作队名称</source>
        <translation>Enter the team name</translation>
    </message>
</context>
<context>
    <name>TeamsScreen</name>
    <message>
        <location filename="../../ui/teams/screen.py" line="70" />
        <location filename="../../ui/teams/screen.py" line="352" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="70" />
        <source>在岗人数</source>
        <translation>On duty</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="72" />
        <source>新增工作队</source>
        <translation>New team</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="73" />
        <source>设为我的工作队</source>
        <translation>Set as my team</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="93" />
        <source> 年</source>
        <translation> </translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="94" />
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="95" />
        <source>记录跟进</source>
        <translation>Log follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="111" />
        <source>目标完成</source>
        <translation>Target progress</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="112" />
        <source>队员</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="113" />
        <source>历年目标</source>
        <translation>Targets by year</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="114" />
        <source>项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="115" />
        <source>工作量</source>
        <translation>Workload</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="116" />
        <source>各队对比</source>
        <translation>Team comparison</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="292" />
        <source>结束任职</source>
        <translation>End membership</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="152" />
        <source>我的工作队</source>
        <translation>My team</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="155" />
        <source>未分区域</source>
        <translation>No region group</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="214" />
        <source>还没有工作队</source>
        <translation>No teams yet</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="239" />
        <source>派出单位：{unit}　队长：{leader}</source>
        <translation>Home unit: {unit}  Leader: {leader}</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="258" />
        <source>正在统计各队工作量…</source>
        <translation>Counting team workloads…</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="292" />
        <source>离队日期</source>
        <translation>Left on</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="313" />
        <source>删除工作队</source>
        <translation>Delete team</translation>
    </message>
    <message>
        <location filename="../../ui/teams/screen.py" line="314" />
        <source>删除该工作队？</source>
        <translation>Delete this team?</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="34" />
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="40" />
        <location filename="../../ui/access/users_dialog.py" line="65" />
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="41" />
        <location filename="../../ui/access/users_dialog.py" line="66" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="42" />
        <location filename="../../ui/access/users_dialog.py" line="67" />
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="43" />
        <location filename="../../ui/access/users_dialog.py" line="68" />
        <source>工作队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="44" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="59" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="69" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="70" />
        <source>再次输入</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="74" />
        <source>添加用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="75" />
        <source>停用所选用户</source>
        <translation>Disable the selected user</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="76" />
        <source>为所选用户设置密码</source>
        <translation>Set the selected user's password</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="77" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="107" />
        <source>已停用</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="109" />
        <source>已锁定</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="115" />
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../ui/access/users_dialog.py" line="122" />
        <source>请先在列表中选择一个用户。</source>
        <translation>Select a user in the list first.</translation>
    </message>
</context>
<context>
    <name>ViewsSidebar</name>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="65" />
        <source>视图</source>
        <translation>Views</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="78" />
        <source>保存视图</source>
        <translation>Save view</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="79" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="99" />
        <source>先在上面选中一个自己保存的视图（★）</source>
        <translation>First select one of your saved views (★) above</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="101" />
        <source>内置视图不能删除，只能删除自己保存的视图（★）</source>
        <translation>Built-in views cannot be deleted; only your saved views (★) can</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="103" />
        <source>删除视图“%1”</source>
        <translation>Delete view “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="112" />
        <source>全部项目</source>
        <translation>All projects</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="113" />
        <source>停滞项目（全部）</source>
        <translation>Stalled (all)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="115" />
        <source>签约未开工</source>
        <translation>Signed, not started</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="118" />
        <source>开工未投产</source>
        <translation>Started, not operating</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="120" />
        <source>长期无跟进</source>
        <translation>No recent follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="121" />
        <source>有逾期问题</source>
        <translation>Overdue problems</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="122" />
        <source>重大项目</source>
        <translation>Major project</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="160" />
        <source>删除视图</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <location filename="../../ui/projects/views_sidebar.py" line="160" />
        <source>删除视图“%1”？</source>
        <translation>Delete view "%1"?</translation>
    </message>
</context>
<context>
    <name>dashboard</name>
    <message>
        <location filename="../../ui/dashboard/drill.py" line="26" />
        <source>点击查看这些项目</source>
        <extracomment>Card → the figure whose projects it opens.</extracomment>
        <translation>Click to list these projects</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <location filename="../../ui/dialogs.py" line="83" />
        <source>取消</source>
        <extracomment>Where the last file was opened or saved (ui-settings.ini): the next file dialog starts there.</extracomment>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="91" />
        <source>出错了</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="95" />
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="123" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <location filename="../../ui/activities/forms.py" line="177" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/activities/forms.py" line="179" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <location filename="../../ui/help/menu.py" line="18" />
        <source>快速入门</source>
        <translation>Quick start</translation>
    </message>
    <message>
        <location filename="../../ui/help/menu.py" line="19" />
        <source>键盘快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/help/menu.py" line="20" />
        <source>打开日志文件夹</source>
        <translation>Open the log folder</translation>
    </message>
    <message>
        <location filename="../../ui/help/menu.py" line="21" />
        <source>打开数据文件夹</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <location filename="../../ui/help/menu.py" line="22" />
        <source>关于</source>
        <translation>About</translation>
    </message>
</context>
<context>
    <name>ledger</name>
    <message>
        <location filename="../../ui/ledger/export.py" line="21" />
        <source>导出为 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/export.py" line="67" />
        <location filename="../../ui/ledger/export.py" line="94" />
        <source>无法写入文件：%1</source>
        <translation>Could not write the file: %1</translation>
    </message>
</context>
<context>
    <name>navigation</name>
    <message>
        <location filename="../../ui/navigation.py" line="62" />
        <source>招商引资客户关系管理</source>
        <extracomment>Screens that show a count, and the tables whose changes refresh it. Room beside the widest title and its icon: paddings, the scroll bar's edge.</extracomment>
        <translation>Investment Attraction CRM</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../../ui/ops.py" line="169" />
        <source>正在处理…</source>
        <extracomment>The progress dialog appears only for work that takes longer than this.</extracomment>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../ui/ops.py" line="170" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/ops.py" line="175" />
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
</context>
<context>
    <name>screens</name>
    <message>
        <location filename="../../ui/screens.py" line="31" />
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="34" />
        <source>项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="37" />
        <source>企业</source>
        <translation>Companies</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="39" />
        <source>工作队</source>
        <translation>Teams</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="44" />
        <source>跟进记录</source>
        <translation>Activities</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="47" />
        <source>问题清单</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="50" />
        <source>项目调度</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="53" />
        <source>企业诉求</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="59" />
        <source>重点企业</source>
        <translation>Key enterprises</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="61" />
        <source>简报</source>
        <translation>Briefs</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="62" />
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="64" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="67" />
        <source>分析</source>
        <translation>Analysis</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <location filename="../../ui/backup/startup.py" line="22" />
        <source>%1

详细信息已写入日志文件：%2</source>
        <translation>%1

The details were written to the log file: %2</translation>
    </message>
    <message>
        <location filename="../../ui/backup/startup.py" line="42" />
        <source>程序出错了：%1</source>
        <translation>The program ran into an error: %1</translation>
    </message>
    <message>
        <location filename="../../ui/backup/startup.py" line="85" />
        <source>无法打开数据库：%1</source>
        <extracomment>Qt's own messages by the level they are logged at (a fatal one is logged before Qt aborts).</extracomment>
        <translation>Cannot open the database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/backup/startup.py" line="102" />
        <source>数据库已损坏</source>
        <translation>The database is damaged</translation>
    </message>
    <message>
        <location filename="../../ui/backup/startup.py" line="103" />
        <source>现在恢复吗？</source>
        <translation>Restore it now?</translation>
    </message>
</context>
<context>
    <name>table_export</name>
    <message>
        <location filename="../../ui/ledger/export.py" line="45" />
        <source>已导出 %1 支工作队（%2 行）到 %3</source>
        <translation>Exported %1 teams (%2 rows) to %3</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/export.py" line="49" />
        <location filename="../../ui/widgets/table_export.py" line="177" />
        <source>已导出 %1 行到 %2</source>
        <extracomment>Rows read from the database at once while exporting.</extracomment>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/export.py" line="59" />
        <location filename="../../ui/widgets/table_export.py" line="185" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/table_export.py" line="194" />
        <source>数据</source>
        <translation>Data</translation>
    </message>
</context>
</TS>