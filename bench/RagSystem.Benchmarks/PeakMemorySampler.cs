using System.Diagnostics;

namespace RagSystem.Benchmarks;

/// <summary>Samples working set and managed heap every 20 ms on a background thread and keeps the peaks.</summary>
internal sealed class PeakMemorySampler
{
    private volatile bool _running;
    private Thread? _thread;

    public long PeakBytes { get; private set; }

    public long PeakManagedBytes { get; private set; }

    public void Start()
    {
        _running = true;
        _thread = new Thread(() =>
        {
            using var process = Process.GetCurrentProcess();
            while (_running)
            {
                process.Refresh();
                PeakBytes = Math.Max(PeakBytes, process.WorkingSet64);
                PeakManagedBytes = Math.Max(PeakManagedBytes, GC.GetTotalMemory(false));
                Thread.Sleep(20);
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    public void Stop()
    {
        _running = false;
        _thread?.Join();
    }
}
