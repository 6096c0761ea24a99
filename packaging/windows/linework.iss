; Inno Setup script for Linework on Windows: a per-user install (no administrator rights),
; Start-menu and desktop shortcuts, and an uninstaller that leaves the studio's data alone.
;
; Built by .github/workflows/release.yml after `make dist`:
;   iscc /DAppVersion=0.1.0 /DDistDir=..\..\dist\Linework packaging\windows\linework.iss
; The data folder (%APPDATA%\Linework: database, backups, logs, user plugins) is created by
; the app, never by this installer, and nothing below deletes it.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\Linework"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\release"
#endif

[Setup]
AppId={{6F1D9E2A-3B7C-4E85-9A41-1C0B5D7E8F24}
AppName=Linework
AppVersion={#AppVersion}
AppVerName=Linework {#AppVersion}
AppPublisher=Linework
DefaultDirName={localappdata}\Programs\Linework
DefaultGroupName=Linework
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=Linework-{#AppVersion}-setup
SetupIconFile=linework.ico
UninstallDisplayIcon={app}\Linework.exe
UninstallDisplayName=Linework {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder build; replaced as a unit on update.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\Linework"; Filename: "{app}\Linework.exe"; WorkingDir: "{app}"
Name: "{userdesktop}\Linework"; Filename: "{app}\Linework.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\Linework.exe"; Description: "{cm:LaunchProgram,Linework}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program folder may gain at run time (Python caches); never {userappdata}.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Messages]
UninstalledAll=Linework was removed from your computer.%n%nYour studio's data (database, backups and logs) is still in %APPDATA%\Linework; delete that folder yourself only if you no longer need it.
