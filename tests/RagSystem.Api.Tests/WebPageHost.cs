using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace RagSystem.Api.Tests;

/// <summary>The service on a real Kestrel socket (a random loopback port, with an API key), its index holding the repository's
/// corpus, and Debian's chromium driven by Playwright. When <c>/usr/bin/chromium</c> is absent, <see cref="SkipReason"/> says so
/// and nothing starts. A subclass may change the service (<see cref="CreateHost"/>), what it holds (<see cref="SeedAsync"/>) and
/// name an input it needs (<see cref="MissingInput"/>).</summary>
public class WebPageHost : IAsyncLifetime
{
    /// <summary>The browser Playwright drives (its own download cannot reach its host here).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The read-write key the service is configured with.</summary>
    public const string Key = "web-test-key";

    /// <summary>The service's upload limit (Rag:Api:MaxUploadBytes): 3 MB.</summary>
    public const long MaxUploadBytes = 3L * 1024 * 1024;

    private IPlaywright? _playwright;

    /// <summary>Why the browser tests cannot run, or null.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The service.</summary>
    public ApiTestHost Host { get; private set; } = null!;

    /// <summary>The page's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"needs Debian's chromium at {ChromiumPath} (apt-get install chromium); .ci/run installs it";
            return;
        }
        if (MissingInput is { } missing)
        {
            SkipReason = missing;
            return;
        }
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        // A small upload limit, so a test can show the 413 message without sending 64 MB through the browser.
        Host = CreateHost(new Dictionary<string, string?> { ["Rag:Api:Keys:0"] = Key + ":rw", ["Rag:Api:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Host.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        Host.StartServer();
        using (var client = Client()) await SeedAsync(client, TestContext.Current.CancellationToken);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>Fills the index before the browser starts: by default the repository's corpus, through an ingestion job.</summary>
    protected virtual async Task SeedAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/v1/ingestions", new { path = "corpus" }, ct);
        var job = await ApiTestHost.WaitForJobAsync(client, response.Headers.Location!.ToString(), ct);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
    }

    /// <summary>Why this host cannot start besides a missing browser (an absent model, say), or null.</summary>
    protected virtual string? MissingInput => null;

    /// <summary>The service to start, given its settings (the key).</summary>
    protected virtual ApiTestHost CreateHost(Dictionary<string, string?> settings) => new(settings);

    /// <summary>An HTTP client on the real socket, with the key.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    /// <summary>A fresh page (its own storage) opened at <c>/</c>, with <paramref name="key"/> saved under Settings when given.</summary>
    public async Task<IPage> OpenAsync(string? key = Key, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ColorScheme = colorScheme, ViewportSize = new() { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseAddress.ToString());
        if (key is not null)
        {
            // The page lists the documents as it loads, without a key: wait for that 401, so that it cannot arrive after the
            // key is saved and put its message back over the page a test then checks.
            await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("401");
            await page.GetByLabel("API key").FillAsync(key);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        }
        return page;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (SkipReason is not null) return;
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}
