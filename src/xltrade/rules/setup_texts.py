"""The texts of setting a computer up and checking it (``xltrade doctor``,
``xltrade install``), in Chinese and English: part of :data:`xltrade.rules.texts.TEXTS`,
kept apart only for length. Each finding has a ``.fix`` twin saying what to do.
"""

from __future__ import annotations

SETUP_TEXTS: dict[str, tuple[str, str]] = {
    # --- xltrade doctor: what is wrong, and the fix
    "doctor.python_old": ("Python {found} 太旧，xltrade 需要 3.11 或更新版本",
                          "Python {found} is too old: xltrade needs 3.11 or newer"),
    "doctor.fix.python": ("从 python.org 安装 Python 3.11 或更新版本（选“只为我安装”，不需要管理员），"
                          "再运行 install-xltrade.cmd",
                          "Install Python 3.11 or newer from python.org (\"Install for me "
                          "only\", no admin needed), then run install-xltrade.cmd again"),
    "doctor.store": ("{path} 是微软应用商店的 Python（或它的占位程序），Excel 无法从它启动 Python",
                     "{path} is the Microsoft Store Python (or its placeholder): Excel cannot "
                     "start Python from it"),
    "doctor.fix.store": ("从 python.org 安装 Python（只为我安装），在 设置 > 应用 > 高级应用设置 > "
                         "应用执行别名 中关闭 python.exe 和 python3.exe，再运行 install-xltrade.cmd",
                         "Install Python from python.org (for me only), turn off python.exe "
                         "and python3.exe in Settings > Apps > Advanced app settings > App "
                         "execution aliases, then run install-xltrade.cmd again"),
    "doctor.no_interpreter": ("还没有告诉这台电脑的 Excel 用哪个 Python",
                              "Excel on this computer has not been told which Python to use"),
    "doctor.interpreter_gone": ("{setting} 指向 {path}，但这个文件不存在（Python 被移动或卸载了）",
                                "{setting} points to {path}, which does not exist (Python was "
                                "moved or removed)"),
    "doctor.interpreter_other": ("{setting} 指向另一个 Python：{path}；装有 xltrade 的是 {this}",
                                 "{setting} points to another Python, {path}; xltrade is "
                                 "installed in {this}"),
    "doctor.fix.install": ("用装有 xltrade 的 Python 运行：xltrade install",
                           "Run, with the Python that has xltrade: xltrade install"),
    "doctor.dll": ("{folder} 里缺少 {names}（Excel 报“找不到 DLL”或“错误 53”就是这个原因）",
                   "{names} missing from {folder} (the cause of \"DLL not found\" or error "
                   "53 in Excel)"),
    "doctor.fix.dll": ("重新安装：pip install --force-reinstall xlwings=={version}；若杀毒软件隔离了"
                       "这个文件，把它恢复并设为信任",
                       "Reinstall: pip install --force-reinstall xlwings=={version}; if "
                       "antivirus quarantined the file, restore it and allow it"),
    "doctor.python_path": ("Python 的路径含中文或空格：{path}",
                           "Python's path has non-ASCII characters or spaces: {path}"),
    "doctor.fix.python_path": ("把 Python 和 xltrade 装到纯英文路径，如 C:\\xltrade（用户文件夹含中文时"
                               "安装脚本会这样做）",
                               "Install Python and xltrade under a plain ASCII folder such "
                               "as C:\\xltrade (the installer does this when your user "
                               "folder is not ASCII)"),
    "doctor.profile": ("用户文件夹含中文：{path}；Excel 的宏要从这里读取 xlwings.conf",
                       "Your user folder has non-ASCII characters, {path}: Excel's macros read "
                       "xlwings.conf from there"),
    "doctor.fix.profile": ("按钮若说这台电脑还没有设置 Python（虽然已经运行过 xltrade install），把 %USERPROFILE%\\.xlwings\\xlwings.conf 复制到工作簿所在的文件夹：xlwings 也会在那里找它",
                           "If the buttons say Python is not set up although xltrade install "
                           "ran, copy %USERPROFILE%\\.xlwings\\xlwings.conf into the workbook's "
                           "folder: xlwings looks for it there too"),
    "doctor.workbook_path": ("工作簿的路径含中文或空格：{path}",
                             "The workbook's path has non-ASCII characters or spaces: {path}"),
    "doctor.fix.workbook_path": ("按钮若报“Could not activate Python COM server”，把工作簿移到纯英文"
                                 "路径，如 D:\\xltrade",
                                 "If the buttons fail with \"Could not activate Python COM "
                                 "server\", move the workbook to an ASCII folder such as "
                                 "D:\\xltrade"),
    "doctor.url": ("工作簿的路径是网址：{path}", "The workbook's path is a web address: {path}"),
    "doctor.fix.url": ("从 OneDrive/SharePoint 的同步文件夹打开它，或“另存为”到本机文件夹再打开",
                       "Open it from the OneDrive/SharePoint synced folder, or Save As to a "
                       "folder on this computer and open that copy"),
    "doctor.cloud_only": ("{path} 只在云端，还没有下载到这台电脑",
                          "{path} is online-only, not yet on this computer"),
    "doctor.fix.cloud_only": ("在资源管理器里右键该文件 > “始终保留在此设备上”",
                              "In File Explorer right-click the file > \"Always keep on this "
                              "device\""),
    "doctor.onedrive": ("{path} 在 OneDrive 同步文件夹里，Excel 会把它的位置报告为网址",
                        "{path} is in a OneDrive folder: Excel reports its location as a web "
                        "address"),
    "doctor.fix.onedrive": ("按钮失败时，把工作簿复制到 OneDrive 之外的文件夹使用",
                            "If the buttons fail, use a copy outside the OneDrive folder"),
    "doctor.motw": ("Windows 把 {path} 标记为来自网络（邮件或聊天附件），Excel 会禁用它的宏",
                    "Windows marks {path} as coming from the internet (a mail or chat "
                    "attachment): Excel blocks its macros"),
    "doctor.fix.motw": ("运行 xltrade doctor --fix 工作簿（会先询问），或右键文件 > 属性 > 勾选“解除锁定” > 确定",
                        "Run xltrade doctor --fix WORKBOOK (it asks first), or right-click the "
                        "file > Properties > tick Unblock > OK"),
    "doctor.vbom": ("“信任对 VBA 工程对象模型的访问”未开启：只有导入 UDF 函数时需要，按钮不需要",
                    "\"Trust access to the VBA project object model\" is off: needed only to "
                    "import the UDFs, not for the buttons"),
    "doctor.fix.vbom": ("需要 UDF 时：文件 > 选项 > 信任中心 > 信任中心设置 > 宏设置 > 勾选“信任对 VBA "
                        "工程对象模型的访问”",
                        "For the UDFs: File > Options > Trust Center > Trust Center Settings "
                        "> Macro Settings > tick \"Trust access to the VBA project object "
                        "model\""),
    "doctor.wps": ("Excel 的 COM 注册指向 WPS（{path}）：xlwings 会连到 WPS，按钮无法运行",
                   "Excel's COM registration points to WPS ({path}): xlwings would reach "
                   "WPS and the buttons cannot run"),
    "doctor.fix.wps": ("在 WPS“配置工具 > 高级 > 兼容设置”里取消与 Microsoft Office 兼容的选项，再修复 "
                       "Office（设置 > 应用 > Microsoft Office > 修改 > 快速修复）",
                       "In WPS's config tool (配置工具 > 高级 > 兼容设置) clear the Microsoft "
                       "Office compatibility options, then repair Office (Settings > Apps > "
                       "Microsoft Office > Modify > Quick Repair)"),
    "doctor.no_excel": ("这台电脑没有注册 Microsoft Excel（只装了 WPS？）",
                        "Microsoft Excel is not registered on this computer (WPS only?)"),
    "doctor.fix.no_excel": ("不用宏也能用：运行 xltrade install --shortcuts，然后右键工作簿 > 发送到 > "
                            "xltrade 生成周报",
                            "Without macros: run xltrade install --shortcuts, then "
                            "right-click the workbook > Send to > xltrade weekly report"),
    "doctor.mac_script": ("缺少 {path}：Mac 上的 Excel 无法运行 Python 按钮",
                          "{path} is missing: Excel for Mac cannot run the Python buttons"),
    "doctor.mac_automation": ("没有允许控制 Microsoft Excel（错误 -1743）",
                              "Not allowed to control Microsoft Excel (error -1743)"),
    "doctor.fix.mac_automation": ("系统设置 > 隐私与安全性 > 自动化：允许 Python 或“终端”控制 Microsoft "
                                  "Excel",
                                  "System Settings > Privacy & Security > Automation: allow "
                                  "Python or Terminal to control Microsoft Excel"),
    "doctor.mac_unchecked": ("Excel 没有在运行，未检查“自动化”权限",
                             "Excel is not running: the Automation permission was not checked"),
    "doctor.fix.mac_unchecked": ("打开 Excel 后再运行 xltrade doctor",
                                 "Open Excel, then run xltrade doctor again"),
    "doctor.ask_unblock": ("删除 {path} 的网络标记，让 Excel 运行它的宏？只对信任的文件这样做。[y/N] ",
                           "Remove the internet mark from {path} so Excel runs its macros? "
                           "Only for a file you trust. [y/N] "),
    "doctor.unblocked": ("已解除锁定：{path}", "Unblocked: {path}"),
    "doctor.xlwings_version": ("已安装 {installed}，应为 {pinned}",
                               "{installed} installed, {pinned} expected"),
    "doctor.mark.ok": ("正常", "ok "),
    "doctor.mark.no": ("需处理", "NO "),
    "doctor.mark.note": ("提示", "-- "),
    "doctor.label.automation": ("自动化权限", "automation"),
    "doctor.label.blocked": ("网络标记", "blocked"),
    "doctor.label.excel": ("Excel", "excel"),
    "doctor.label.interpreter": ("Python 设置", "interpreter"),
    "doctor.label.location": ("位置", "location"),
    "doctor.label.macros": ("宏", "macros"),
    "doctor.label.python": ("Python", "python"),
    "doctor.label.python path": ("Python 路径", "python path"),
    "doctor.label.ribbon": ("功能区", "ribbon"),
    "doctor.label.runpython": ("RunPython 脚本", "runpython"),
    "doctor.label.store python": ("应用商店 Python", "store python"),
    "doctor.label.user folder": ("用户文件夹", "user folder"),
    "doctor.label.vba access": ("VBA 访问", "vba access"),
    "doctor.label.workbook": ("工作簿", "workbook"),
    "doctor.label.workbook config": ("工作簿配置", "workbook config"),
    "doctor.label.workbook path": ("工作簿路径", "workbook path"),
    "doctor.label.xlwings": ("xlwings", "xlwings"),
    "doctor.label.xlwings dll": ("xlwings DLL", "xlwings dll"),
    "doctor.label.xlwings module": ("xlwings 模块", "xlwings module"),
    "doctor.plain": ("{path} 是普通工作簿（没有宏和 xltrade 按钮）",
                     "{path} is a plain workbook (no macros, no xltrade buttons)"),
    "doctor.fix.adopt": ("运行 xltrade adopt {path} --out {out}，得到带按钮的工作簿（你的数据原样保留）；不用按钮时，xltrade refresh 也能直接更新它",
                         "Run xltrade adopt {path} --out {out} for a copy with the buttons (your data kept as it is); without buttons, xltrade refresh updates it as it is"),
    "doctor.ribbon_part": ("功能区定义 {part}", "ribbon definition {part}"),
    "doctor.fix.rebuild": ("这个工作簿缺少 xltrade 的部件：运行 xltrade adopt {path} --out 新文件.xlsm 重新生成",
                           "The workbook lacks parts of xltrade's: run xltrade adopt {path} --out new.xlsm to make it again"),
    "doctor.module": ("工作簿带的版本：{embedded}，已安装：{installed}",
                      "workbook carries {embedded}, {installed} installed"),
    "doctor.module_none": ("无", "none"),
    "doctor.macros": ("xltrade 宏模块", "xltrade module"),
    "doctor.config": ("UDF Modules = {module}，没有其他决定运行哪段代码的设置",
                      "UDF Modules = {module}, nothing else that decides which code runs"),
    "doctor.risky": ("xlwings.conf 设置了 {setting} = {value}：它决定按钮运行哪段代码；取消隐藏 xlwings.conf 工作表（右键工作表标签 > 取消隐藏），删除这一行并保存",
                     "xlwings.conf sets {setting} = {value}: it decides which code the buttons run; unhide the xlwings.conf sheet (right-click a tab > Unhide), delete that row and save"),
    "doctor.left": ("没有改动：{path}", "Left as it was: {path}"),
    "cli.workbook": ("xltrade 工作簿已生成：{path}\n用 Excel 打开它，功能区里的“xltrade”选项卡就是按钮。",
                     "The xltrade workbook is written: {path}\nOpen it in Excel; the buttons "
                     "are on the xltrade tab of the ribbon."),
}
