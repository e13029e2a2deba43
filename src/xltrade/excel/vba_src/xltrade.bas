' xltrade: the ribbon's buttons and the macros behind them.
' Every button calls XltradeRibbon; control.Id says which one. The Python
' commands below are fixed text: nothing typed in the workbook ever becomes code.
' Keep this file ASCII (VBA code page 1252): Chinese text lives in Python and in
' the ribbon XML.
Option Explicit

' Ribbon callback for every button (customUI onAction).
Public Sub XltradeRibbon(control As IRibbonControl)
    RunAction control.Id
End Sub

' The same actions as plain macros, for Alt+F8 and for quick-access buttons.
Public Sub XltradeRefresh()
    RunAction "refresh"
End Sub

Public Sub XltradeWeeklyReport()
    RunAction "weekly_report"
End Sub

Public Sub XltradeEmailManager()
    RunAction "email_manager"
End Sub

Public Sub XltradeOpenSettings()
    RunAction "open_settings"
End Sub

Public Sub XltradeHelp()
    RunAction "help"
End Sub

Private Sub RunAction(ByVal action As String)
    Select Case action
        Case "open_settings"
            ShowSheet "SheetSettings"
        Case "help"
            ShowSheet "SheetHelp"
        Case "refresh"
            If InterpreterReady() Then RunPython "import xltrade.excel as x; x.refresh()"
        Case "weekly_report"
            If InterpreterReady() Then RunPython "import xltrade.excel as x; x.weekly_report()"
        Case "email_manager"
            If InterpreterReady() Then RunPython "import xltrade.excel as x; x.email_manager()"
        Case "record_followup"
            If InterpreterReady() Then RunPython "import xltrade.excel as x; x.record_followup()"
        Case "customer_replied"
            If InterpreterReady() Then RunPython "import xltrade.excel as x; x.customer_replied()"
        Case Else
            MsgBox "Unknown xltrade button: " & action, vbExclamation, "xltrade"
    End Select
End Sub

' Activate one of the workbook's own sheets by its code name, which stays the
' same whatever the sheet is called in the tab.
Private Sub ShowSheet(ByVal codeName As String)
    Dim sheet As Object
    For Each sheet In ThisWorkbook.Worksheets
        If sheet.CodeName = codeName Then
            sheet.Visible = -1
            sheet.Activate
            Exit Sub
        End If
    Next sheet
    MsgBox "This workbook has no " & codeName & " sheet.", vbExclamation, "xltrade"
End Sub

' True when this computer has a Python interpreter set for xlwings. Otherwise
' explains what to do, in both languages, and returns False.
Public Function InterpreterReady() As Boolean
    Dim key As String
    Dim interpreter As String
    #If Mac Then
        key = "INTERPRETER_MAC"
    #Else
        key = "INTERPRETER_WIN"
    #End If
    interpreter = CStr(GetConfig(key, ""))
    ' A set but wrong path is reported by xlwings itself when it starts Python.
    InterpreterReady = (interpreter <> "")
    If Not InterpreterReady Then
        MsgBox "Python is not set up for xltrade on this computer." & vbCrLf & vbCrLf & _
            "Double-click install-xltrade.cmd in the xltrade install folder" & vbCrLf & _
            "(Mac: python3 install_xltrade.py in Terminal), or, where xltrade" & vbCrLf & _
            "is installed, run:  xltrade install" & vbCrLf & vbCrLf & _
            "Then close and reopen this workbook. The Help and Settings buttons " & _
            "work without Python." & vbCrLf & vbCrLf & _
            "(" & key & " is not set in the xlwings config.)", _
            vbInformation, "xltrade"
    End If
End Function
