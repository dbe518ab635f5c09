using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Hangfire logs through one static provider for the whole process. When a second host in the same
/// process (the tests run several) is disposed, the provider's logger factory goes with it; this bridge
/// then stays silent instead of failing the job client with ObjectDisposedException.
/// </summary>
internal sealed class HangfireLogBridge(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new Bridge(factory, name);

    private sealed class Bridge(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try { _logger ??= factory.CreateLogger(name); }
            catch (ObjectDisposedException) { return false; }
            var level = logLevel switch
            {
                HangfireLevel.Trace => MsLevel.Trace,
                HangfireLevel.Debug => MsLevel.Debug,
                HangfireLevel.Info => MsLevel.Information,
                HangfireLevel.Warn => MsLevel.Warning,
                HangfireLevel.Error => MsLevel.Error,
                _ => MsLevel.Critical,
            };
            if (messageFunc is null) return _logger.IsEnabled(level);
            try { _logger.Log(level, exception, "{Message}", messageFunc()); }
            catch (ObjectDisposedException) { return false; }
            return true;
        }
    }
}
