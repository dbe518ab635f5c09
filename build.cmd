:; # Runs under Windows cmd and under bash alike: cmd skips the lines starting with ':', bash runs them.
:; set -e; cd "$(dirname "$0")"; dotnet build CampaignEngine.sln -c Release "$@"; exit $?
@echo off
cd /d "%~dp0"
dotnet build CampaignEngine.sln -c Release %*
exit /b %ERRORLEVEL%
