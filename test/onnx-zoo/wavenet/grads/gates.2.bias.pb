Bgates.2.biasJ ง]9Jm87ใฦ9þูนDนี๘
:aนื|9