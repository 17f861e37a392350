B
input.biasJ Yy»Êe;nK;/‰u;|aÚºßºÑé¼; †|»