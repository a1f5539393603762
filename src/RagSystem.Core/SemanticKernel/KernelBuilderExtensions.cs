using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RagSystem.Retrieval;

namespace RagSystem.SemanticKernel;

/// <summary>Adds RagSystem to a Semantic Kernel: our chat client and embedding generator as kernel services, and the
/// document retriever as the <c>documents</c> plugin with its <c>search_documents</c> function.</summary>
public static class KernelBuilderExtensions
{
    /// <summary>Registers <paramref name="chatClient"/> and <paramref name="embeddingGenerator"/> (when given) in the
    /// kernel's services and adds a <see cref="DocumentsPlugin"/> over <paramref name="retriever"/>.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="retriever">The retriever behind <c>search_documents</c>.</param>
    /// <param name="chatClient">The generator (for example the ONNX chat client), or null.</param>
    /// <param name="embeddingGenerator">The embedding generator, or null.</param>
    /// <param name="pluginName">The plugin name. Default <c>documents</c>.</param>
    /// <returns>The same builder.</returns>
    public static IKernelBuilder AddRagDocuments(this IKernelBuilder builder, IRetriever retriever, IChatClient? chatClient = null,
        IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null, string pluginName = DocumentsPlugin.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        if (chatClient is not null) builder.Services.AddChatClient(chatClient);
        if (embeddingGenerator is not null) builder.Services.AddEmbeddingGenerator(embeddingGenerator);
        builder.Plugins.AddFromObject(new DocumentsPlugin(retriever), pluginName);
        return builder;
    }

    /// <summary>Adds the <see cref="DocumentsPlugin"/> resolving its <see cref="IRetriever"/> from the kernel's services
    /// (register it, the chat client and the embedding generator in <see cref="IKernelBuilder.Services"/> first).</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="pluginName">The plugin name. Default <c>documents</c>.</param>
    /// <returns>The same builder.</returns>
    public static IKernelBuilder AddRagDocuments(this IKernelBuilder builder, string pluginName = DocumentsPlugin.DefaultName)
    {
        builder.Plugins.AddFromType<DocumentsPlugin>(pluginName);
        return builder;
    }
}
