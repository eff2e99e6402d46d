package main

import (
	"context"
	"io"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int { return exitUsage }

func runRules(ctx context.Context, args []string, stdout, stderr io.Writer) int { return exitUsage }

func runExplain(ctx context.Context, args []string, stdout, stderr io.Writer) int { return exitUsage }
