using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RagSystem.Api.Tests;

/// <summary>The web page at <c>/</c> in a real browser against the real service: asking with streamed text and linked
/// sources, the 401 message for a wrong key, uploading and finding a document, a job's progress bar.</summary>
[Collection(WebPageCollection.Name)]
public sealed class WebPageTests(WebPageHost web)
{
    private void SkipWithoutBrowser()
    {
        if (web.SkipReason is { } reason) Assert.Skip(reason);
    }

    [Fact]
    public async Task Web_page_is_served_at_root_without_a_key_while_the_api_still_needs_one()
    {
        SkipWithoutBrowser();
        using var anonymous = new HttpClient { BaseAddress = web.BaseAddress };
        var html = await anonymous.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("<script type=\"module\" src=\"app.js\"></script>", html);
        using var api = await anonymous.GetAsync("/v1/documents", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Web_ask_over_the_corpus_streams_an_answer_whose_citations_link_to_their_sources()
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync();
        await page.GetByLabel("Question").FillAsync("What is retrieval-augmented generation?");
        await page.GetByLabel("Question").PressAsync("Enter");

        var turn = page.Locator("article.turn").Last;
        await Assertions.Expect(turn.Locator(".mode")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Extractive answer|Generative answer"));
        var answer = await turn.Locator(".answer").InnerTextAsync();
        Assert.True(answer.Length > 40, $"answer too short: '{answer}'");
        var sources = turn.Locator("ol.sources > li");
        Assert.True(await sources.CountAsync() > 0);
        var corpusFiles = Directory.GetFiles(Testing.RepositoryRoot.Corpus).Select(Path.GetFileName).ToList();
        var firstSource = await sources.First.InnerTextAsync();
        Assert.Contains(corpusFiles, f => firstSource.Contains(f!, StringComparison.Ordinal));

        var marker = turn.Locator("a.cite").First;
        var target = (await marker.GetAttributeAsync("href"))!;
        await marker.ClickAsync();
        Assert.EndsWith(target, page.Url);
        await Assertions.Expect(page.Locator(target)).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#error:visible").CountAsync());
    }

    [Fact]
    public async Task Web_stream_request_with_a_wrong_key_is_a_401_problem_not_an_empty_500()
    {
        SkipWithoutBrowser();
        using var client = new HttpClient { BaseAddress = web.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/query") { Content = System.Net.Http.Json.JsonContent.Create(new { question = "x", stream = true }) };
        request.Headers.Add("X-Api-Key", "not-the-key");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Unknown API key", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Web_wrong_api_key_shows_the_401_message()
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync(key: "not-the-key");
        await page.GetByLabel("Question").FillAsync("What is a token?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToBeVisibleAsync();
        await Assertions.Expect(alert).ToContainTextAsync("401");
        await Assertions.Expect(alert).ToContainTextAsync("Unknown API key");
    }

    [Fact]
    public async Task Web_uploaded_markdown_appears_in_the_document_list_and_search_finds_it()
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync();
        var name = $"web-upload-{Guid.NewGuid():N}.md";
        await page.Locator("#file-picker").SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/markdown",
            Buffer = System.Text.Encoding.UTF8.GetBytes("# Quokka field notes\n\nThe quokka is a small marsupial found on Rottnest Island.\n"),
        });
        await Assertions.Expect(page.Locator("#upload-status")).ToContainTextAsync($"Uploaded {name}");
        await page.GetByLabel("Search by name").FillAsync(name[..20]);
        var row = page.Locator("#doc-table tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.First).ToContainTextAsync(name);

        await page.GetByLabel("Question").FillAsync("Where is the quokka found?");
        await page.GetByLabel("Question").PressAsync("Enter");
        await Assertions.Expect(page.Locator("article.turn ol.sources > li").First).ToContainTextAsync(name, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Web_page_fits_a_phone_width_screen_without_horizontal_scrolling()
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync();
        await page.SetViewportSizeAsync(360, 740);
        await Assertions.Expect(page.Locator("#doc-table tbody tr").First).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"the page is {width} px wide on a 360 px screen");
    }

    [Fact]
    public async Task Web_job_progress_bar_reaches_100_percent()
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync();
        await page.GetByLabel("Folder (under an allowed root)").FillAsync("corpus");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start ingestion" }).ClickAsync();
        await Assertions.Expect(page.Locator("#job-status")).ToContainTextAsync("succeeded", new() { Timeout = 60_000 });
        Assert.Equal("100", await page.Locator("#job-progress").EvaluateAsync<string>("p => String(p.value)"));
        await Assertions.Expect(page.Locator("#job-status")).ToContainTextAsync("(100%)");
        if (Environment.GetEnvironmentVariable("RAG_WEB_SCREENSHOTS") is { Length: > 0 } folder)
            await page.Locator("#documents").Locator("..").ScreenshotAsync(new() { Path = Path.Combine(folder, "web-documents-and-job.png") });
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Web_page_with_an_answer_has_no_serious_or_critical_axe_violations(ColorScheme scheme)
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync(colorScheme: scheme);
        await page.GetByLabel("Question").FillAsync("How does nucleus sampling decide how many candidate tokens to keep at each step?");
        await page.GetByLabel("Question").PressAsync("Enter");
        await Assertions.Expect(page.Locator("article.turn .mode").Last).Not.ToHaveTextAsync("Answering…");
        await Assertions.Expect(page.Locator("article.turn a.original").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#doc-table tbody tr").First).ToBeVisibleAsync();

        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        // Set RAG_WEB_SCREENSHOTS to a folder (docs/images) to refresh the README's screenshots.
        if (Environment.GetEnvironmentVariable("RAG_WEB_SCREENSHOTS") is { Length: > 0 } folder)
        {
            var name = scheme == ColorScheme.Dark ? "dark" : "light";
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"web-ask-{name}.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task Web_keyboard_only_tab_to_the_question_enter_asks_shift_tab_reaches_a_citation_enter_follows_it()
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync();
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        for (var i = 0; i < 20 && await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") != "question"; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("question", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("What is retrieval-augmented generation?");
        await page.Keyboard.PressAsync("Enter");
        var turn = page.Locator("article.turn").Last;
        await Assertions.Expect(turn.Locator(".mode")).Not.ToHaveTextAsync("Answering…", new() { Timeout = 30_000 });
        await Assertions.Expect(turn.Locator("a.cite").First).ToBeVisibleAsync();

        // Back from the question box through the sources to the answer's last [n] marker, by keyboard alone.
        for (var i = 0; i < 40 && !await page.EvaluateAsync<bool>("() => document.activeElement?.classList.contains('cite') ?? false"); i++)
            await page.Keyboard.PressAsync("Shift+Tab");
        var href = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')");
        Assert.StartsWith("#", href, StringComparison.Ordinal);
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith(href, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(href)).ToBeInViewportAsync();
    }
}
