@echo off
rem Installs xltrade for this Windows user; no administrator rights needed.
rem Put this file, install_xltrade.py and the xltrade wheel (xltrade-*.whl) in one
rem folder and double-click this file. Or: install-xltrade.cmd --index-url URL
chcp 65001 >nul
setlocal
set "HERE=%~dp0"
where py >nul 2>nul
if %errorlevel%==0 (
    py -3 "%HERE%install_xltrade.py" %*
    goto done
)
where python >nul 2>nul
if %errorlevel%==0 (
    python "%HERE%install_xltrade.py" %*
    if not errorlevel 9009 goto done
)
echo 没有找到可用的 Python。请从 https://www.python.org/downloads/ 安装 Python 3.11 或更新版本（选“只为我安装”，不需要管理员），再双击本文件。
echo No usable Python was found. Install Python 3.11 or newer from https://www.python.org/downloads/ ("Install for me only", no admin needed), then run this file again.
:done
pause
